package rosetta.tensor.ops;

import rosetta.tensor.DType;
import rosetta.tensor.Shape;

/**
 * A GRU prepared for one batch size and sequence length. It holds what forward saves for backward (on
 * the CPU the state and gate activations of every step, as cuDNN's reserve space) and the scratch
 * memory both passes use, all allocated once; so the pair must run on the same plan, forward first.
 * Closing it frees that memory.
 */
public interface GruPlan extends AutoCloseable {
    GruSpec spec();

    int batch();

    int steps();

    DType dtype();

    /** x: [N, T, I], batch first. */
    default Shape inputShape() {
        return Shape.of(batch(), steps(), spec().inputSize());
    }

    /** y: [N, T, H], the state after every step. */
    default Shape outputShape() {
        return Shape.of(batch(), steps(), spec().hiddenSize());
    }

    /** h0 and its gradient: [N, H]. */
    default Shape stateShape() {
        return Shape.of(batch(), spec().hiddenSize());
    }

    @Override
    void close();
}
