package rosetta.tensor.ops;

import rosetta.tensor.Tensor;

/** Elementwise activations; {@code y} may be {@code x} (in place). */
public interface ActivationOps {
    void forward(Activation kind, Tensor x, Tensor y);

    /** dx from dy and the forward output {@code y} (all three activations' derivatives are functions of y). */
    void backward(Activation kind, Tensor y, Tensor dy, Tensor dx);
}
