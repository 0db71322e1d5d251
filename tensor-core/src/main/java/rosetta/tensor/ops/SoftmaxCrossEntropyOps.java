package rosetta.tensor.ops;

import rosetta.tensor.Tensor;

/**
 * Softmax followed by cross-entropy over {@code logits: [N, C]}. {@code labels} are either class
 * indices ({@code INT32 [N]}, "sparse") or a floating {@code [N, C]} one-hot or probability matrix.
 */
public interface SoftmaxCrossEntropyOps {
    /** Writes the softmax to {@code probabilities} and the reduced loss to the one-element {@code loss}. */
    void forward(LossSpec spec, Tensor logits, Tensor labels, Tensor probabilities, Tensor loss);

    /** Gradient of the reduced loss with respect to the logits. */
    void backward(LossSpec spec, Tensor probabilities, Tensor labels, Tensor dLogits);
}
