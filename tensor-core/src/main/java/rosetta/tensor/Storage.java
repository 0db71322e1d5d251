package rosetta.tensor;

/**
 * Memory a backend owns: host memory for the CPU, device memory for CUDA. Freed by {@link #close()},
 * never by the garbage collector, so a training step controls its footprint.
 */
public interface Storage extends AutoCloseable {
    DType dtype();

    /** Capacity in elements. */
    long length();

    @Override
    void close();
}
