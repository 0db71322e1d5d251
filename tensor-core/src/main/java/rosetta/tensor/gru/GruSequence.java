package rosetta.tensor.gru;

import rosetta.tensor.Backend;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.ResetGate;

/**
 * A GRU over a whole sequence, shaped like cuDNN's: one GEMM projects the inputs of all steps, then each
 * step runs one GEMM with the recurrent matrix (two when the reset gate comes before it, whose candidate
 * block needs r first) around the backend's {@link GruStepKernels}. Backward walks the steps in reverse,
 * collects the pre-activation gradients of every step, and finishes with one GEMM each for dWeightIh and
 * dx. The CPU's reference loops and the CUDA backend's kernels for the variants cuDNN lacks both run
 * this, call for call.
 */
public final class GruSequence {
    private GruSequence() {
    }

    /** y and the buffers' states and gates from x; {@code h0} null starts from zeros. */
    public static void forward(Backend backend, GruPlan plan, GruBuffers b, GruStepKernels step, Tensor x, Tensor h0,
            Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh, Tensor y) {
        GruSpec spec = plan.spec();
        int hidden = spec.hiddenSize();
        int steps = plan.steps();
        backend.gemm(false, true, 1, flat(x), weightIh, 0, b.projection);
        backend.ops().bias().forward(biasIh, b.projection, 1);
        if (h0 == null) {
            backend.fill(b.state(0), 0);
        } else {
            backend.copy(h0, b.state(0));
        }
        boolean after = spec.resetGate() == ResetGate.AFTER_MATMUL;
        int stateRows = stateRows(spec);
        for (int t = 0; t < steps; t++) {
            backend.gemm(false, true, 1, weightHh.rows(0, stateRows), b.state(t), 0, b.recurrent.rows(0, stateRows));
            step.gates(t, biasHh);
            if (!after) {
                backend.gemm(false, true, 1, candidateRows(weightHh, hidden), b.resetStates.slice(t), 0,
                        candidateRows(b.recurrent, hidden));
            }
            step.candidate(t, biasHh, y);
        }
    }

    /**
     * Backpropagation through time after {@link #forward} on the same buffers. The weight and bias
     * gradients are overwritten; dx and dh0 are written where not null.
     */
    public static void backward(Backend backend, GruPlan plan, GruBuffers b, GruStepKernels step, Tensor x,
            Tensor weightIh, Tensor weightHh, Tensor dy, Tensor dx, Tensor dh0, Tensor dWeightIh, Tensor dWeightHh,
            Tensor dBiasIh, Tensor dBiasHh) {
        GruSpec spec = plan.spec();
        int hidden = spec.hiddenSize();
        int steps = plan.steps();
        boolean after = spec.resetGate() == ResetGate.AFTER_MATMUL;
        int stateRows = stateRows(spec);
        if (dBiasHh != null) {
            backend.fill(dBiasHh, 0);
        }
        // dhOut: dL/dh_{t+1} that later steps sent back; dhIn: dL/dh_t, built by this step
        Tensor dhOut = b.nextStateGrad;
        Tensor dhIn = b.stateGrad;
        for (int t = steps - 1; t >= 0; t--) {
            boolean last = t == steps - 1;
            // the weight gradients start at the last step and accumulate over the earlier ones
            double beta = last ? 0 : 1;
            step.backwardThroughUpdate(t, dy, last ? null : dhOut, dhIn);
            if (!after) {
                Tensor candidateGrad = candidateRows(b.recurrent, hidden);
                backend.gemm(true, false, 1, candidateGrad, candidateRows(weightHh, hidden), 0, b.resetStateGrad);
                step.backwardThroughReset(t, dhIn);
                backend.gemm(false, false, 1, candidateGrad, b.resetStates.slice(t), beta,
                        candidateRows(dWeightHh, hidden));
            }
            Tensor fromStateGrad = b.recurrent.rows(0, stateRows);
            backend.gemm(true, false, 1, fromStateGrad, weightHh.rows(0, stateRows), 1, dhIn);
            backend.gemm(false, false, 1, fromStateGrad, b.state(t), beta, dWeightHh.rows(0, stateRows));
            if (dBiasHh != null) {
                step.addRowSums(b.recurrent, dBiasHh);
            }
            Tensor swap = dhOut;
            dhOut = dhIn;
            dhIn = swap;
        }
        if (dh0 != null) {
            backend.copy(dhOut, dh0);
        }
        backend.gemm(true, false, 1, b.projection, flat(x), 0, dWeightIh);
        backend.ops().bias().backward(b.projection, dBiasIh, 1);
        if (dx != null) {
            backend.gemm(false, false, 1, b.projection, weightIh, 0, flat(dx));
        }
    }

    /**
     * Rows of the packed recurrent matrix that multiply h itself: all three blocks, or only the gates when
     * the reset gate comes first and the candidate block multiplies r ⊙ h.
     */
    public static int stateRows(GruSpec spec) {
        return (spec.resetGate() == ResetGate.AFTER_MATMUL ? 3 : 2) * spec.hiddenSize();
    }

    private static Tensor candidateRows(Tensor packed, int hidden) {
        return packed.rows(GruSpec.CANDIDATE_BLOCK * hidden, (GruSpec.CANDIDATE_BLOCK + 1) * hidden);
    }

    /** [N, T, F] seen as [N T, F]: every step of every sequence is one GEMM row. */
    private static Tensor flat(Tensor sequence) {
        Shape s = sequence.shape();
        return sequence.reshape(Shape.of(s.dim(0) * s.dim(1), s.dim(2)));
    }
}
