package rosetta.cuda;

import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.DropoutOps;
import rosetta.tensor.random.RngStream;

/**
 * Inverted dropout with the masks of the CPU backend, bit for bit: random.cu computes the same Philox
 * words from the same reserved counter range (CpuDropout). cuDNN's own dropout (cudnnDropoutForward)
 * draws from its own generator state, so its masks could not match the CPU's and it is not used.
 */
final class CudaDropout implements DropoutOps {
    private final CudaBackend backend;

    CudaDropout(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void forward(double rate, RngStream rng, Tensor x, Tensor mask, Tensor y) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        Checks.sameSize(x, mask);
        Checks.sameSize(x, y);
        CudaBackend.floats(x, mask, y);
        long blocks = RngStream.blocksFor(x.size());
        long start = rng.reserve(blocks);
        backend.kernels.launch(Kernel.DROPOUT_FORWARD, blocks, x.size(), start, rng.key0(), rng.key1(),
                (float) (1 - rate), 1 / (1 - rate), DeviceStorage.pointer(x), DeviceStorage.pointer(mask),
                DeviceStorage.pointer(y));
    }

    @Override
    public void backward(Tensor mask, Tensor dy, Tensor dx) {
        backend.multiply(dy, mask, dx);
    }
}
