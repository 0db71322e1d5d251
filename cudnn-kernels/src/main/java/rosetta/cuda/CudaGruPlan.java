package rosetta.cuda;

import rosetta.tensor.DType;
import rosetta.tensor.gru.GruBuffers;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The plan of a GRU variant that cuDNN does not run: the {@link GruBuffers} every GRU keeps between
 * forward and backward (as CpuGruPlan's reference loops do), in GPU memory.
 */
final class CudaGruPlan implements GruPlan {
    private final GruSpec spec;
    private final int batch;
    private final int steps;
    final GruBuffers buffers;
    private boolean forwarded;

    CudaGruPlan(CudaBackend backend, GruSpec spec, int batch, int steps) {
        this.spec = spec;
        this.batch = batch;
        this.steps = steps;
        this.buffers = new GruBuffers(backend, spec, batch, steps, DType.FLOAT32, true);
    }

    void markForwarded() {
        forwarded = true;
    }

    boolean forwarded() {
        return forwarded;
    }

    @Override
    public GruSpec spec() {
        return spec;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    @Override
    public void close() {
        buffers.close();
    }

    @Override
    public String toString() {
        return "cuda GRU plan (cuBLAS and own kernels) " + spec + " batch " + batch + " steps " + steps;
    }
}
