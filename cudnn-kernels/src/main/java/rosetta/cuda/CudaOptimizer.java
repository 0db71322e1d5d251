package rosetta.cuda;

import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
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
