package rosetta.reference.generator.pytorch;

import ai.djl.ndarray.NDArray;
import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Layouts;
import rosetta.reference.generator.cases.StepCase;

/**
 * torch.optim.SGD(momentum) and torch.optim.Adam, three steps each. torch.optim is Python, out of reach
 * from Java, so its single-tensor update ({@code _single_tensor_sgd}, {@code _single_tensor_adam} in
 * torch/optim/sgd.py and adam.py @v2.7.1) is replayed op for op on libtorch tensors.
 */
final class TorchOptimizers {
    private static final double[] RATES = {0.1, 0.1, 0.05};
    private static final double MOMENTUM = 0.9;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private TorchOptimizers() {
    }

    static void write(Torch torch, Consumer<Fixture> out) {
        out.accept(sgd(torch, new StepCase("three-steps", 1f)));
        out.accept(adam(torch, new StepCase("three-steps", 1f)));
        // Gradients near 1e-7: epsilon is then comparable to sqrt(v), and its placement (after the bias
        // correction here, before it in TensorFlow's ApplyAdam) changes the step.
        out.accept(adam(torch, new StepCase("tiny-gradients", 0x1p-23f)));
    }

    private static Fixture sgd(Torch torch, StepCase c) {
        float[] w0 = c.weight(Torch.FRAMEWORK, "sgd_momentum");
        float[] grads = c.gradients(Torch.FRAMEWORK, "sgd_momentum");
        NDArray w = torch.array(w0, StepCase.SIZE);
        NDArray buf = null;
        float[][] after = new float[StepCase.STEPS][];
        for (int t = 0; t < StepCase.STEPS; t++) {
            NDArray g = torch.array(StepCase.row(grads, t), StepCase.SIZE);
            // momentum_buffer = clone(grad) on the first step, then buf.mul_(momentum).add_(grad) (dampening 0)
            buf = buf == null ? g.duplicate() : buf.mul(MOMENTUM).add(g);
            w = w.add(buf.mul(-RATES[t]));
            after[t] = w.toFloatArray();
        }
        Fixture f = new Fixture(Torch.FRAMEWORK, torch.version(), "sgd_momentum", c.name(),
                "torch/optim/sgd.py _single_tensor_sgd @v2.7.1 (momentum 0.9, dampening 0, nesterov False), "
                        + "replayed with libtorch ops");
        c.describe(f, w0, grads, RATES).arg("momentum", MOMENTUM).arg("rule", "lr-outside")
                .arg("gradient", "mean").tolerance(1e-6, 1e-5);
        return f.array("weights", new int[] {StepCase.STEPS, StepCase.SIZE}, Layouts.concat(after));
    }

    private static Fixture adam(Torch torch, StepCase c) {
        double lr = 0.01;
        float[] w0 = c.weight(Torch.FRAMEWORK, "adam");
        float[] grads = c.gradients(Torch.FRAMEWORK, "adam");
        NDArray w = torch.array(w0, StepCase.SIZE);
        NDArray m = torch.manager().zeros(w.getShape());
        NDArray v = torch.manager().zeros(w.getShape());
        float[][] after = new float[StepCase.STEPS][];
        for (int t = 1; t <= StepCase.STEPS; t++) {
            NDArray g = torch.array(StepCase.row(grads, t - 1), StepCase.SIZE);
            m = m.add(g.sub(m).mul(1 - BETA1)); // exp_avg.lerp_(grad, 1 - beta1)
            v = v.mul(BETA2).add(g.mul(g).mul(1 - BETA2)); // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
            double biasCorrection1 = 1 - Math.pow(BETA1, t);
            double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
            double stepSize = lr / biasCorrection1;
            NDArray denom = v.sqrt().div(biasCorrection2Sqrt).add(EPSILON);
            w = w.add(m.div(denom).mul(-stepSize)); // param.addcdiv_(exp_avg, denom, value=-step_size)
            after[t - 1] = w.toFloatArray();
        }
        double[] rates = {lr, lr, lr};
        Fixture f = new Fixture(Torch.FRAMEWORK, torch.version(), "adam", c.name(),
                "torch/optim/adam.py _single_tensor_adam @v2.7.1 (amsgrad False, weight_decay 0), "
                        + "replayed with libtorch ops");
        c.describe(f, w0, grads, rates).arg("beta1", BETA1).arg("beta2", BETA2).arg("epsilon", EPSILON)
                .arg("rule", "bias-corrected-moments").arg("gradient", "mean").tolerance(1e-7, 1e-5)
                .note("PyTorch 1.x and later; 0.x added eps before the bias correction, as TensorFlow does "
                        + "(pytorch/adam-v0.3-tiny-gradients.json)");
        return f.array("weights", new int[] {StepCase.STEPS, StepCase.SIZE}, Layouts.concat(after));
    }
}
