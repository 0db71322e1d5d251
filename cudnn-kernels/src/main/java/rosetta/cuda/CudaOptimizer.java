package rosetta.cuda;

import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.AdamStep;
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

    /** The per-step numbers come from {@link AdamStep}, as on the CPU: the kernel sees the CPU's doubles. */
    @Override
    public void adam(AdamRule rule, double learningRate, double beta1, double beta2, double epsilon, long step,
            double gradientScale, double weightDecay, Tensor weight, Tensor gradient, Tensor m, Tensor v) {
        Checks.sameShape(weight, gradient);
        Checks.sameShape(weight, m);
        Checks.sameShape(weight, v);
        CudaBackend.floats(weight, gradient, m, v);
        backend.kernels.launch(Kernel.ADAM, weight.size(), weight.size(),
                AdamStep.stepSize(rule, learningRate, beta1, beta2, step), AdamStep.rootCorrection2(rule, beta2, step),
                AdamStep.firstMomentGain(rule, beta1), beta1, beta2, epsilon, gradientScale, weightDecay, DeviceStorage.pointer(weight),
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
