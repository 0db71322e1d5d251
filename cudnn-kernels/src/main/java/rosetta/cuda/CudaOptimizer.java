package rosetta.cuda;

import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.OptimizerOps;

/** One kernel per parameter tensor (optimizer.cu), computing each rule in double as CpuOptimizer does. */
final class CudaOptimizer implements OptimizerOps {
    private final CudaBackend backend;

    CudaOptimizer(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void sgdMomentum(MomentumRule rule, double learningRate, double momentum, double gradientScale,
            double weightDecay, Tensor weight, Tensor gradient, Tensor velocity) {
        Checks.sameShape(weight, gradient);
        Checks.sameShape(weight, velocity);
        CudaBackend.floats(weight, gradient, velocity);
        backend.kernels.launch(Kernel.SGD_MOMENTUM, weight.size(), weight.size(), code(rule), learningRate, momentum,
                gradientScale, weightDecay, DeviceStorage.pointer(weight), DeviceStorage.pointer(gradient),
                DeviceStorage.pointer(velocity));
    }

    /**
     * The per-step numbers of each form are computed here exactly as CpuOptimizer.adam computes them (the same
     * Math.pow and Math.sqrt on the host), so the kernel evaluates the CPU's element expression on the same doubles.
     */
    @Override
    public void adam(AdamRule rule, double learningRate, double beta1, double beta2, double epsilon, long step,
            double gradientScale, double weightDecay, Tensor weight, Tensor gradient, Tensor m, Tensor v) {
        if (step < 1) {
            throw new IllegalArgumentException("Adam counts steps from 1 (bias correction), got step " + step);
        }
        Checks.sameShape(weight, gradient);
        Checks.sameShape(weight, m);
        Checks.sameShape(weight, v);
        CudaBackend.floats(weight, gradient, m, v);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        double stepSize;
        double rootCorrection2;
        switch (rule) {
            // torch/optim/adam.py: step_size = lr / bias_correction1, denom = sqrt(v) / sqrt(bias_correction2) + eps
            case BIAS_CORRECTED_MOMENTS -> {
                stepSize = learningRate / correction1;
                rootCorrection2 = Math.sqrt(correction2);
            }
            // training_ops.cc ApplyAdam: alpha = lr sqrt(1 - beta2_power) / (1 - beta1_power), denom = sqrt(v) + eps
            case CORRECTED_STEP_SIZE, UNDAMPED_FIRST_MOMENT -> {
                stepSize = learningRate * Math.sqrt(correction2) / correction1;
                rootCorrection2 = 1;
            }
            default -> throw new IllegalStateException(rule.toString());
        }
        // CNTK with unit gain off drops the (1 - b1) factor of the first moment (CPUMatrix::Adam)
        double firstMomentGain = rule == AdamRule.UNDAMPED_FIRST_MOMENT ? 1 : 1 - beta1;
        backend.kernels.launch(Kernel.ADAM, weight.size(), weight.size(), stepSize, rootCorrection2, firstMomentGain,
                beta1, beta2, epsilon, gradientScale, weightDecay, DeviceStorage.pointer(weight),
                DeviceStorage.pointer(gradient), DeviceStorage.pointer(m), DeviceStorage.pointer(v));
    }

    /** The rule numbers of optimizer.cu's #defines. */
    static int code(MomentumRule rule) {
        return switch (rule) {
            case LR_OUTSIDE -> 0;
            case LR_INSIDE -> 1;
            case LR_INSIDE_POSITIVE -> 2;
            case UNIT_GAIN -> 3;
            case NESTEROV_LR_OUTSIDE -> 4;
            case NESTEROV_LR_INSIDE -> 5;
            case NESTEROV_CAFFE2 -> 6;
        };
    }
}
