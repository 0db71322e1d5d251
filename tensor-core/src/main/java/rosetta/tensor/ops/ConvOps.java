package rosetta.tensor.ops;

import rosetta.tensor.DType;
import rosetta.tensor.Tensor;

/**
 * 2-D convolution as cuDNN shapes it: a plan per geometry, then forward and the three backward passes.
 * Every pass overwrites its output. Shapes follow {@link ConvGeometry}.
 */
public interface ConvOps {
    /** Prepares a geometry under a policy; the first use of an exhaustive policy times the candidates. */
    ConvPlan plan(ConvGeometry geometry, DType dtype, AlgorithmPolicy policy);

    /** y = conv(x, weight) (+ bias per output channel when {@code bias} is not null). */
    void forward(ConvPlan plan, Tensor x, Tensor weight, Tensor bias, Tensor y);

    /** dx = gradient of the loss with respect to the input. */
    void backwardData(ConvPlan plan, Tensor dy, Tensor weight, Tensor dx);

    /** dWeight = gradient with respect to the weights. */
    void backwardFilter(ConvPlan plan, Tensor x, Tensor dy, Tensor dWeight);

    /** dBias = dy summed over everything but the output channel. */
    void backwardBias(ConvPlan plan, Tensor dy, Tensor dBias);
}
