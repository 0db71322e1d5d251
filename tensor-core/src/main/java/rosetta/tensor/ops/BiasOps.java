package rosetta.tensor.ops;

import rosetta.tensor.Tensor;

/** A bias vector broadcast along one axis of a tensor (channels of an image batch, features of a matrix). */
public interface BiasOps {
    /** y += bias, bias indexed by {@code axis} of y. */
    void forward(Tensor bias, Tensor y, int axis);

    /** dBias = dy summed over every axis but {@code axis}. */
    void backward(Tensor dy, Tensor dBias, int axis);
}
