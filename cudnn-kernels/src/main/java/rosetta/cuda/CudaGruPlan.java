package rosetta.cuda;

import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The plan of a GRU variant that cuDNN does not run, in GPU memory, holding what CpuGruPlan holds (see
 * there): every step's state, time-major, and gate activations; W_hn h + b_hn per step (reset gate after
 * the matmul) or r ⊙ h per step (reset gate before it); the projection [N T, 3H] and the gate-major
 * recurrent scratch [3H, N] that forward and backward share; the state gradients.
 */
final class CudaGruPlan implements GruPlan {
    private final GruSpec spec;
    private final int batch;
    private final int steps;
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
    /** [3H, N]. */
    final Tensor recurrent;
    /** Gradients of the state flowing into and out of a step: [N, H] each. */
    final Tensor stateGrad;
    final Tensor nextStateGrad;
    /** Gradient of r ⊙ h for the current step, [N, H]; only with the reset gate before the matmul. */
    final Tensor resetStateGrad;
    private boolean forwarded;

    CudaGruPlan(CudaBackend backend, GruSpec spec, int batch, int steps) {
        this.spec = spec;
        this.batch = batch;
        this.steps = steps;
        int h = spec.hiddenSize();
        boolean after = spec.resetGate() == GruSpec.ResetGate.AFTER_MATMUL;
        this.states = backend.allocate(DType.FLOAT32, Shape.of(steps + 1, batch, h));
        this.gates = backend.allocate(DType.FLOAT32, Shape.of(steps, batch, 3 * h));
        this.hiddenCandidate = after ? backend.allocate(DType.FLOAT32, Shape.of(steps, batch, h)) : null;
        this.resetStates = after ? null : backend.allocate(DType.FLOAT32, Shape.of(steps, batch, h));
        this.projection = backend.allocate(DType.FLOAT32, Shape.of(batch * steps, 3 * h));
        this.recurrent = backend.allocate(DType.FLOAT32, Shape.of(3 * h, batch));
        this.stateGrad = backend.allocate(DType.FLOAT32, Shape.of(batch, h));
        this.nextStateGrad = backend.allocate(DType.FLOAT32, Shape.of(batch, h));
        this.resetStateGrad = after ? null : backend.allocate(DType.FLOAT32, Shape.of(batch, h));
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
        return DType.FLOAT32;
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {states, gates, hiddenCandidate, resetStates, projection, recurrent, stateGrad,
            nextStateGrad, resetStateGrad}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Override
    public String toString() {
        return "cuda GRU plan (cuBLAS and own kernels) " + spec + " batch " + batch + " steps " + steps;
    }
}
