package rosetta.tensor.cpu;

import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.AdamStep;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.OptimizerOps;

final class CpuOptimizer implements OptimizerOps {
    private final FloatSgd floatSgd = new FloatSgd();
    private final FloatAdam floatAdam = new FloatAdam();

    @Override
    public void sgdMomentum(MomentumRule rule, double lr, double m, double gradientScale, double weightDecay,
            Tensor weight, Tensor gradient, Tensor velocity) {
        Checks.sameShape(weight, gradient);
        Checks.sameShape(weight, velocity);
        if (FloatSgd.applies(weight, gradient, velocity)) {
            floatSgd.update(rule, lr, m, gradientScale, weightDecay, weight, gradient, velocity);
            return;
        }
        Elements w = Elements.of(weight);
        Elements grad = Elements.of(gradient);
        Elements v = Elements.of(velocity);
        for (int i = 0; i < w.length; i++) {
            double wi = w.get(i);
            double g = gradientScale * grad.get(i) + weightDecay * wi;
            double old = v.get(i);
            double vi;
            switch (rule) {
                case LR_OUTSIDE -> {
                    vi = m * old + g;
                    wi -= lr * vi;
                }
                case LR_INSIDE -> {
                    vi = m * old - lr * g;
                    wi += vi;
                }
                case LR_INSIDE_POSITIVE -> {
                    vi = m * old + lr * g;
                    wi -= vi;
                }
                case UNIT_GAIN -> {
                    vi = m * old + (1 - m) * lr * g;
                    wi -= vi;
                }
                case NESTEROV_LR_OUTSIDE -> {
                    vi = m * old + g;
                    wi -= lr * (g + m * vi);
                }
                case NESTEROV_LR_INSIDE -> {
                    vi = m * old - lr * g;
                    wi += m * vi - lr * g;
                }
                case NESTEROV_CAFFE2 -> {
                    vi = m * old + lr * g;
                    wi -= (1 + m) * vi - m * old;
                }
                default -> throw new IllegalStateException(rule.toString());
            }
            v.set(i, vi);
            w.set(i, wi);
        }
    }

    @Override
    public void adam(AdamRule rule, double lr, double beta1, double beta2, double epsilon, long step,
            double gradientScale, double weightDecay, Tensor weight, Tensor gradient, Tensor m, Tensor v) {
        Checks.sameShape(weight, gradient);
        Checks.sameShape(weight, m);
        Checks.sameShape(weight, v);
        double stepSize = AdamStep.stepSize(rule, lr, beta1, beta2, step);
        double rootCorrection2 = AdamStep.rootCorrection2(rule, beta2, step);
        double firstMomentGain = AdamStep.firstMomentGain(rule, beta1);
        if (FloatAdam.applies(weight, gradient, m, v)) {
            floatAdam.update(beta1, beta2, epsilon, stepSize, rootCorrection2, firstMomentGain, gradientScale,
                    weightDecay, weight, gradient, m, v);
            return;
        }
        Elements w = Elements.of(weight);
        Elements grad = Elements.of(gradient);
        Elements first = Elements.of(m);
        Elements second = Elements.of(v);
        for (int i = 0; i < w.length; i++) {
            double wi = w.get(i);
            double g = gradientScale * grad.get(i) + weightDecay * wi;
            double mi = beta1 * first.get(i) + firstMomentGain * g;
            double vi = beta2 * second.get(i) + (1 - beta2) * g * g;
            wi -= stepSize * mi / (Math.sqrt(vi) / rootCorrection2 + epsilon);
            first.set(i, mi);
            second.set(i, vi);
            w.set(i, wi);
        }
    }
}
