package rosetta.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.Reduction;
import rosetta.tensor.ops.SoftmaxCrossEntropyOps;

/**
 * Softmax cross-entropy in own kernels (softmax_cross_entropy.cu): the loss is computed from the
 * log-softmax of the logits, as CpuSoftmaxCrossEntropy does, not from the log of rounded probabilities,
 * and the gradient kernel covers the fused form, each reduction, and Keras's clipped form. The per-row
 * losses go through a buffer kept for the largest batch seen; the reduced loss stays on the device
 * until the caller copies it.
 */
final class CudaSoftmaxCrossEntropy implements SoftmaxCrossEntropyOps, AutoCloseable {
    private final CudaBackend backend;
    private CUdeviceptr rowLoss;
    private long rowLossRows;

    CudaSoftmaxCrossEntropy(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void forward(LossSpec spec, Tensor logits, Tensor labels, Tensor probabilities, Tensor loss) {
        Checks.rank(logits, 2, "logits");
        Checks.sameShape(logits, probabilities);
        Checks.shapeIs(loss, Shape.of(1), "loss");
        CudaBackend.floats(logits, probabilities, loss);
        int n = logits.shape().dim(0);
        int classes = logits.shape().dim(1);
        Pointer[] target = target(labels, n, classes);
        backend.device.makeCurrent();
        backend.kernels.launch(Kernel.SOFTMAX_CE_FORWARD, n, (long) n, classes, DeviceStorage.pointer(logits), target[0],
                target[1], spec.probabilityClip(), DeviceStorage.pointer(probabilities), rows(n));
        backend.kernels.launchGrid(Kernel.SOFTMAX_CE_LOSS, 1, Kernels.THREADS, (long) n, rows(n),
                spec.reduction() == Reduction.MEAN ? 1.0 / n : 1.0, DeviceStorage.pointer(loss));
    }

    @Override
    public void backward(LossSpec spec, Tensor probabilities, Tensor labels, Tensor dLogits) {
        Checks.rank(probabilities, 2, "probabilities");
        Checks.sameShape(probabilities, dLogits);
        CudaBackend.floats(probabilities, dLogits);
        int n = probabilities.shape().dim(0);
        int classes = probabilities.shape().dim(1);
        Pointer[] target = target(labels, n, classes);
        backend.kernels.launch(Kernel.SOFTMAX_CE_BACKWARD, n, (long) n, classes, DeviceStorage.pointer(probabilities),
                target[0], target[1], spec.probabilityClip(), spec.reduction() == Reduction.MEAN ? 1.0 / n : 1.0,
                DeviceStorage.pointer(dLogits));
    }

    /** {sparse, dense} label pointers, one of them null. */
    private static Pointer[] target(Tensor labels, int n, int classes) {
        if (labels.dtype() == DType.INT32) {
            Checks.shapeIs(labels, Shape.of(n), "sparse labels");
            return new Pointer[] {DeviceStorage.pointer(labels), Kernels.NULL};
        }
        Checks.shapeIs(labels, Shape.of(n, classes), "one-hot labels");
        CudaBackend.floats(labels);
        return new Pointer[] {Kernels.NULL, DeviceStorage.pointer(labels)};
    }

    /** Room for {@code n} per-row losses (doubles), grown once to the largest batch. */
    private CUdeviceptr rows(long n) {
        if (n > rowLossRows) {
            if (rowLoss != null) {
                backend.memory.release(rowLoss, 8 * rowLossRows);
            }
            rowLoss = backend.memory.allocate(8 * n);
            rowLossRows = n;
        }
        return rowLoss;
    }

    @Override
    public void close() {
        if (rowLoss != null) {
            backend.memory.release(rowLoss, 8 * rowLossRows);
            rowLoss = null;
            rowLossRows = 0;
        }
    }
}
