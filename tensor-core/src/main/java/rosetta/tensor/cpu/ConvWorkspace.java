package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;

/**
 * Scratch memory of a convolution plan, allocated once when the plan is made and freed with it: one
 * off-heap block (the shared part, then one part per thread) and per thread a heap array and a set of
 * heap rows. Each thread also has its own single-threaded GEMM kernel.
 */
final class ConvWorkspace implements AutoCloseable {
    private final CpuThreads threads;
    private final Sgemm[] kernels;
    private final ConvScratch size;
    private final CpuStorage direct;
    private final float[][] heap;
    private final float[][][] rows;

    ConvWorkspace(ConvScratch size, CpuThreads threads, Sgemm[] kernels) {
        this.threads = threads;
        this.kernels = kernels;
        this.size = size;
        long floats = size.sharedFloats() + threads.count() * size.directFloatsPerThread();
        this.direct = new CpuStorage(DType.FLOAT32, Math.max(1, floats));
        this.heap = new float[threads.count()][size.heapFloatsPerThread()];
        this.rows = new float[threads.count()][size.rowsPerThread()][size.rowLength()];
    }

    CpuThreads threads() {
        return threads;
    }

    Sgemm sgemm(int thread) {
        return kernels[thread];
    }

    /** The off-heap block: the shared part starts at 0, thread t's part at {@link #directOffset}. */
    FloatBuffer direct() {
        return direct.floatBuffer();
    }

    int directOffset(int thread) {
        return Math.toIntExact(size.sharedFloats() + thread * size.directFloatsPerThread());
    }

    float[] heap(int thread) {
        return heap[thread];
    }

    float[][] rows(int thread) {
        return rows[thread];
    }

    @Override
    public void close() {
        direct.close();
    }
}
