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
    default void forward(ConvPlan plan, Tensor x, Tensor weight, Tensor bias, Tensor y) {
        forward(plan, x, weight, bias, null, y);
    }

    /**
     * y = activation(conv(x, weight) + bias), the activation fused into the same pass over y (cuDNN's
     * {@code cudnnConvolutionBiasActivationForward}); {@code bias} and {@code activation} may be null. The
     * backward passes are unchanged: the activation's own backward turns dy into the gradient of the
     * convolution's output, from this y.
     */
    void forward(ConvPlan plan, Tensor x, Tensor weight, Tensor bias, Activation activation, Tensor y);

    /** dx = gradient of the loss with respect to the input. */
    void backwardData(ConvPlan plan, Tensor dy, Tensor weight, Tensor dx);

    /** dWeight = gradient with respect to the weights. */
    void backwardFilter(ConvPlan plan, Tensor x, Tensor dy, Tensor dWeight);

    /** dBias = dy summed over everything but the output channel. */
    void backwardBias(ConvPlan plan, Tensor dy, Tensor dBias);
}
