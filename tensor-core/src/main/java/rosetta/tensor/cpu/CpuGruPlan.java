package rosetta.tensor.cpu;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.gru.GruBuffers;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The CPU's GRU plan: the {@link GruBuffers} every GRU keeps between forward and backward, and the shapes
 * the ops check. The reference loops ({@link CpuGru}, FLOAT64) use the buffers' one-step recurrent scratch;
 * the FLOAT32 path ({@link FloatGru}) keeps every step's recurrent pre-activations instead, [T, N, 3H], so
 * that its threads each write their batch rows and its weight gradient is one GEMM over all steps.
 */
final class CpuGruPlan implements GruPlan {
    private final GruSpec spec;
    private final int batch;
    private final int steps;
    private final DType dtype;
    /** The shapes the ops check every call, made once: a step allocates nothing. */
    private final Shape inputShape;
    private final Shape outputShape;
    private final Shape stateShape;
    /** What forward saves for backward; its one-step recurrent scratch only on the reference loops. */
    final GruBuffers buffers;
    /** [T, N, 3H], every step's recurrent pre-activations; only on the FLOAT32 path, else null. */
    final Tensor recurrentSteps;
    private boolean forwarded;

    CpuGruPlan(Backend backend, GruSpec spec, int batch, int steps, DType dtype) {
        if (batch <= 0 || steps <= 0) {
            throw new IllegalArgumentException("a GRU plan needs a positive batch and sequence length, got batch "
                    + batch + ", steps " + steps);
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("a GRU runs in FLOAT32 or FLOAT64, got " + dtype);
        }
        this.spec = spec;
        this.batch = batch;
        this.steps = steps;
        this.dtype = dtype;
        int h = spec.hiddenSize();
        this.inputShape = Shape.of(batch, steps, spec.inputSize());
        this.outputShape = Shape.of(batch, steps, h);
        this.stateShape = Shape.of(batch, h);
        boolean fast = FloatGru.applies(dtype);
        this.buffers = new GruBuffers(backend, spec, batch, steps, dtype, !fast);
        this.recurrentSteps = fast ? backend.allocate(dtype, Shape.of(steps, batch, 3 * h)) : null;
    }

    static CpuGruPlan of(GruPlan plan) {
        if (!(plan instanceof CpuGruPlan p)) {
            throw new IllegalArgumentException("not a CPU GRU plan: " + plan);
        }
        return p;
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
        return dtype;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public Shape stateShape() {
        return stateShape;
    }

    @Override
    public void close() {
        buffers.close();
        if (recurrentSteps != null) {
            recurrentSteps.close();
        }
    }

    @Override
    public String toString() {
        return "CPU GRU plan " + spec + " batch " + batch + " steps " + steps + " " + dtype;
    }
}
