package rosetta.tensor.ops;

import rosetta.tensor.DType;
import rosetta.tensor.Tensor;

/**
 * A GRU layer over a whole sequence (the formula in {@link GruSpec}), as cuDNN's RNN API runs it: the
 * input projection of every step at once, then the recurrence step by step, and backpropagation through
 * time in one call. Shapes: x [N, T, I], h0 and dh0 [N, H], weightIh [3H, I], weightHh [3H, H], biasIh
 * and biasHh [3H], y [N, T, H]. Every output is overwritten.
 */
public interface GruOps {
    GruPlan plan(GruSpec spec, int batch, int steps, DType dtype);

    /**
     * Runs the sequence from {@code h0} (null: zeros) and writes every step's state to y. {@code biasHh}
     * must be given exactly when the spec has two bias sets.
     */
    void forward(GruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
            Tensor biasHh, Tensor y);

    /**
     * Gradients for dL/dy = dy, after {@link #forward} on the same plan with the same x, h0 and weights
     * (y is that forward's output; cuDNN's backward takes it too). {@code dx} and {@code dh0} may be null
     * when nothing needs them; {@code dBiasHh} is given exactly when the spec has two bias sets.
     */
    void backward(GruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor y, Tensor dy,
            Tensor dx, Tensor dh0, Tensor dWeightIh, Tensor dWeightHh, Tensor dBiasIh, Tensor dBiasHh);
}
