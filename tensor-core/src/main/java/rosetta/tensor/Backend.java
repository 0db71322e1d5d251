package rosetta.tensor;

import rosetta.tensor.ops.FusedOps;
import rosetta.tensor.random.RngStream;

/**
 * The primitives every backend provides. Tensors stay in the backend's memory; only the
 * {@code copyFromHost}/{@code copyToHost} calls move data across, and a training loop makes them at batch
 * boundaries. Elementwise calls take tensors of equal size (shapes may differ); a tensor may be both an
 * input and the output.
 */
public interface Backend extends AutoCloseable {
    /** Short name used on the command line: {@code cpu}, {@code cuda}. */
    String name();

    /** One line on what runs: device, threads, libraries. */
    String description();

    /** A new zero-filled tensor owned by the caller. */
    Tensor allocate(DType dtype, Shape shape);

    default Tensor allocate(Shape shape) {
        return allocate(DType.FLOAT32, shape);
    }

    void copyFromHost(float[] src, int srcOffset, Tensor dst);

    void copyFromHost(double[] src, int srcOffset, Tensor dst);

    void copyFromHost(int[] src, int srcOffset, Tensor dst);

    void copyToHost(Tensor src, float[] dst, int dstOffset);

    void copyToHost(Tensor src, double[] dst, int dstOffset);

    void copyToHost(Tensor src, int[] dst, int dstOffset);

    void copy(Tensor src, Tensor dst);

    void fill(Tensor t, double value);

    /** y = alpha x + beta y. */
    void axpby(double alpha, Tensor x, double beta, Tensor y);

    /** out = a * b, elementwise. */
    void multiply(Tensor a, Tensor b, Tensor out);

    /** Sum of all elements, returned to the host (waits for pending work). */
    double sum(Tensor x);

    /** Sum of a * b over all elements, returned to the host. */
    double dot(Tensor a, Tensor b);

    /**
     * c = alpha op(a) op(b) + beta c on row-major matrices (rank-2 shapes), op = transpose when asked:
     * op(a) is [M, K], op(b) is [K, N], c is [M, N].
     */
    void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /** Uniform in [low, high), element i from draw i of the stream (see {@link RngStream#reserve}). */
    void fillUniform(Tensor t, RngStream rng, double low, double high);

    /** Waits until all queued work has finished (a no-op where work is synchronous). */
    void synchronize();

    FusedOps ops();

    /** Frees what the backend holds itself (thread pools, handles); tensors are closed by their owners. */
    @Override
    void close();
}
