package rosetta.tensor.gru;

import rosetta.tensor.Tensor;

/**
 * The elementwise work of one GRU step over a plan's {@link GruBuffers}, which each backend writes its own
 * way ({@link GruSequence} runs the GEMMs around it). A null bias means one bias set.
 */
public interface GruStepKernels {
    /** r and z of step t from the pre-activations; with the reset gate before the matmul also r ⊙ h. */
    void gates(int t, Tensor biasHh);

    /** The candidate n and the new state of step t, written to h_{t+1} and to y. */
    void candidate(int t, Tensor biasHh, Tensor y);

    /**
     * From dL/dh_{t+1} (dy of step t plus {@code dhOut}, null at the last step) to the gate pre-activation
     * gradients, and dL/dh_t's direct share into {@code dhIn}.
     */
    void backwardThroughUpdate(int t, Tensor dy, Tensor dhOut, Tensor dhIn);

    /** Reset gate before the matmul: from dL/d(r ⊙ h) to r's pre-activation gradient and dL/dh_t's share. */
    void backwardThroughReset(int t, Tensor dhIn);

    /** dBias[row] += the sum over the batch of a gate-major [3H, N] gradient. */
    void addRowSums(Tensor gateMajor, Tensor dBias);
}
