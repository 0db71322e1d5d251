package rosetta.tensor.cpu;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The CPU's GRU plan. What forward saves for backward (cuDNN's reserve space): every step's state,
 * time-major so that each step's [N, H] is a contiguous GEMM operand, and every step's gate activations;
 * plus, for the reset gate after the matmul, W_hn h + b_hn (the reset gate's gradient needs it), or, for
 * the reset gate before it, r ⊙ h (the input of the candidate's matmul). The scratch tensors serve
 * forward and then backward: {@code projection} holds the input-side pre-activations and then their
 * gradients; the recurrent ones are one step's, gate-major [3H, N] so each gate block is a row range, on
 * the reference loops ({@link CpuGru}, FLOAT64), and every step's, [T, N, 3H], on the FLOAT32 path
 * ({@link FloatGru}), whose threads each write their batch rows and whose weight gradient is one GEMM
 * over all steps.
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
    final Shape weightIhShape;
    final Shape weightHhShape;
    final Shape biasShape;
    /** h_0 .. h_T: [T + 1, N, H]. */
    final Tensor states;
    /** r, z and n of every step, in packed block order: [T, N, 3H]. */
    final Tensor gates;
    /** W_hn h + b_hn per step, [T, N, H]; only with the reset gate after the matmul, else null. */
    final Tensor hiddenCandidate;
    /** r ⊙ h per step, [T, N, H]; only with the reset gate before the matmul, else null. */
    final Tensor resetStates;
    /** [N T, 3H], rows in x's batch-first order. */
    final Tensor projection;
    /** [3H, N], one step's; only on the reference loops, else null. */
    final Tensor recurrent;
    /** [T, N, 3H], every step's; only on the FLOAT32 path, else null. */
    final Tensor recurrentSteps;
    /** Gradients of the state flowing into and out of a step: [N, H] each. */
    final Tensor stateGrad;
    final Tensor nextStateGrad;
    /** Gradient of r ⊙ h for the current step, [N, H]; only with the reset gate before the matmul. */
    final Tensor resetStateGrad;
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
        this.weightIhShape = Shape.of(3 * h, spec.inputSize());
        this.weightHhShape = Shape.of(3 * h, h);
        this.biasShape = Shape.of(3 * h);
        boolean after = spec.resetGate() == GruSpec.ResetGate.AFTER_MATMUL;
        this.states = backend.allocate(dtype, Shape.of(steps + 1, batch, h));
        this.gates = backend.allocate(dtype, Shape.of(steps, batch, 3 * h));
        this.hiddenCandidate = after ? backend.allocate(dtype, Shape.of(steps, batch, h)) : null;
        this.resetStates = after ? null : backend.allocate(dtype, Shape.of(steps, batch, h));
        this.projection = backend.allocate(dtype, Shape.of(batch * steps, 3 * h));
        boolean fast = FloatGru.applies(dtype);
        this.recurrent = fast ? null : backend.allocate(dtype, Shape.of(3 * h, batch));
        this.recurrentSteps = fast ? backend.allocate(dtype, Shape.of(steps, batch, 3 * h)) : null;
        this.stateGrad = backend.allocate(dtype, Shape.of(batch, h));
        this.nextStateGrad = backend.allocate(dtype, Shape.of(batch, h));
        this.resetStateGrad = after ? null : backend.allocate(dtype, Shape.of(batch, h));
    }

    static CpuGruPlan of(GruPlan plan) {
        if (!(plan instanceof CpuGruPlan p)) {
            throw new IllegalArgumentException("not a CPU GRU plan: " + plan);
        }
        return p;
    }

    /** h_t, [N, H]: h_0 is the initial state. */
    Tensor state(int t) {
        return states.slice(t);
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
        for (Tensor t : new Tensor[] {states, gates, hiddenCandidate, resetStates, projection, recurrent,
            recurrentSteps, stateGrad, nextStateGrad, resetStateGrad}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Override
    public String toString() {
        return "CPU GRU plan " + spec + " batch " + batch + " steps " + steps + " " + dtype;
    }
}
