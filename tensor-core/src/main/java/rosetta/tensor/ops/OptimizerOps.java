package rosetta.tensor.ops;

import rosetta.tensor.Tensor;

/** Parameter updates, fused per parameter tensor so a GPU runs one kernel per parameter. */
public interface OptimizerOps {
    /**
     * One SGD-with-momentum step on {@code weight} and {@code velocity} in place. The gradient used is
     * {@code g = gradientScale * gradient + weightDecay * weight}.
     */
    void sgdMomentum(MomentumRule rule, double learningRate, double momentum, double gradientScale,
            double weightDecay, Tensor weight, Tensor gradient, Tensor velocity);
}
