package rosetta.tensor.gru;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruSpec;

/**
 * What a GRU's forward saves for its backward (cuDNN's reserve space), and the scratch both share, in one
 * backend's memory. Every step's state, time-major so that each step's [N, H] is a contiguous GEMM
 * operand, and every step's gate activations; for the reset gate after the matmul W_hn h + b_hn (the
 * reset gate's gradient needs it), for the reset gate before it r ⊙ h (the input of the candidate's
 * matmul). {@code projection} holds the input-side pre-activations and then their gradients;
 * {@code recurrent} one step's recurrent ones, gate-major [3H, N] so that each gate block is a row range
 * a GEMM can write.
 */
public final class GruBuffers implements AutoCloseable {
    /** h_0 .. h_T: [T + 1, N, H]. */
    public final Tensor states;
    /** r, z and n of every step, in packed block order: [T, N, 3H]. */
    public final Tensor gates;
    /** W_hn h + b_hn per step, [T, N, H]; only with the reset gate after the matmul, else null. */
    public final Tensor hiddenCandidate;
    /** r ⊙ h per step, [T, N, H]; only with the reset gate before the matmul, else null. */
    public final Tensor resetStates;
    /** [N T, 3H], rows in x's batch-first order. */
    public final Tensor projection;
    /** [3H, N]; null where the backend keeps its recurrent pre-activations otherwise. */
    public final Tensor recurrent;
    /** Gradients of the state flowing into and out of a step: [N, H] each. */
    public final Tensor stateGrad;
    public final Tensor nextStateGrad;
    /** Gradient of r ⊙ h for the current step, [N, H]; only with the reset gate before the matmul. */
    public final Tensor resetStateGrad;

    public GruBuffers(Backend backend, GruSpec spec, int batch, int steps, DType dtype, boolean recurrentScratch) {
        int h = spec.hiddenSize();
        boolean after = spec.resetGate() == GruSpec.ResetGate.AFTER_MATMUL;
        this.states = backend.allocate(dtype, Shape.of(steps + 1, batch, h));
        this.gates = backend.allocate(dtype, Shape.of(steps, batch, 3 * h));
        this.hiddenCandidate = after ? backend.allocate(dtype, Shape.of(steps, batch, h)) : null;
        this.resetStates = after ? null : backend.allocate(dtype, Shape.of(steps, batch, h));
        this.projection = backend.allocate(dtype, Shape.of(batch * steps, 3 * h));
        this.recurrent = recurrentScratch ? backend.allocate(dtype, Shape.of(3 * h, batch)) : null;
        this.stateGrad = backend.allocate(dtype, Shape.of(batch, h));
        this.nextStateGrad = backend.allocate(dtype, Shape.of(batch, h));
        this.resetStateGrad = after ? null : backend.allocate(dtype, Shape.of(batch, h));
    }

    /** h_t, [N, H]: h_0 is the initial state. */
    public Tensor state(int t) {
        return states.slice(t);
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
}
