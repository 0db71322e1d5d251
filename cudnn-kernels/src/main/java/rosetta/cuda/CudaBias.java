package rosetta.cuda;

import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.BiasOps;

/** A bias along any axis, in own kernels (elementwise.cu), mirroring CpuBias. */
final class CudaBias implements BiasOps {
    private final CudaBackend backend;

    CudaBias(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void forward(Tensor bias, Tensor y, int axis) {
        long[] split = split(y.shape(), bias, axis);
        CudaBackend.floats(bias, y);
        backend.kernels.launch(Kernel.BIAS_FORWARD, y.size(), y.size(), (int) split[1], split[2],
                DeviceStorage.pointer(bias), DeviceStorage.pointer(y));
    }

    /** One block per channel (bias_backward_f32 reduces with exactly Kernels.THREADS threads). */
    @Override
    public void backward(Tensor dy, Tensor dBias, int axis) {
        long[] split = split(dy.shape(), dBias, axis);
        CudaBackend.floats(dy, dBias);
        if (split[1] > 0) {
            backend.kernels.launchGrid(Kernel.BIAS_BACKWARD, (int) split[1], Kernels.THREADS, split[0], (int) split[1],
                    split[2], DeviceStorage.pointer(dy), DeviceStorage.pointer(dBias));
        }
    }

    /** {outer, channels, inner} sizes of a tensor around {@code axis}. */
    private static long[] split(Shape shape, Tensor bias, int axis) {
        int channels = shape.dim(axis);
        if (bias.size() != channels) {
            throw new IllegalArgumentException("bias " + bias.shape() + " does not match axis " + axis + " of " + shape);
        }
        return new long[] {shape.size() / shape.sizeFrom(axis), channels, shape.sizeFrom(axis + 1)};
    }
}
