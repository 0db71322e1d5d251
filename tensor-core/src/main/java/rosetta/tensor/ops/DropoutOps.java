package rosetta.tensor.ops;

import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * Inverted dropout: each element is kept with probability 1 - rate and scaled by 1 / (1 - rate), so
 * inference is the identity. Element {@code i} is kept when the uniform draw {@code i} of the stream is
 * below 1 - rate; the draws come from a counter-based stream, so every backend drops the same elements.
 */
public interface DropoutOps {
    /** Fills {@code mask} with 0 or 1/(1-rate) and sets y = x * mask. {@code y} may be {@code x}. */
    void forward(double rate, RngStream rng, Tensor x, Tensor mask, Tensor y);

    /** dx = dy * mask. */
    void backward(Tensor mask, Tensor dy, Tensor dx);
}
