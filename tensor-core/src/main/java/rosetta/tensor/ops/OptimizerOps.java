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

    /**
     * One Adam step on {@code weight} and the moments {@code m}, {@code v} in place, {@code step} being
     * this update's number counted from 1 (it drives the bias correction). The gradient used is
     * {@code g = gradientScale * gradient + weightDecay * weight}, so the decay passes through the
     * moments as an L2 penalty in the loss would (PyTorch {@code weight_decay}, MXNet {@code wd}).
     */
    void adam(AdamRule rule, double learningRate, double beta1, double beta2, double epsilon, long step,
            double gradientScale, double weightDecay, Tensor weight, Tensor gradient, Tensor m, Tensor v);
}
