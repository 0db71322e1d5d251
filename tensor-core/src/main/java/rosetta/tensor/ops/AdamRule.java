package rosetta.tensor.ops;

/**
 * The Adam update each framework implements, at step t (counted from 1), with g the scaled, decayed
 * gradient, m and v the moments (both start at 0), lr the learning rate, b1, b2 the decay rates and eps
 * the stabiliser. All three keep v = b2 v + (1 - b2) g²; they differ in the first moment and in where
 * the bias correction meets eps.
 */
public enum AdamRule {
    /**
     * m = b1 m + (1 - b1) g; w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps): eps is added to the
     * bias-corrected sqrt(v̂), as in Algorithm 1 of the Adam paper. PyTorch {@code torch/optim/adam.py}
     * since commit fed5ca1 (pytorch#22628, 2019). PyTorch before that (0.3.1, the benchmark's version)
     * used {@link #CORRECTED_STEP_SIZE}.
     */
    BIAS_CORRECTED_MOMENTS,
    /**
     * m = b1 m + (1 - b1) g; lr_t = lr sqrt(1 - b2^t) / (1 - b1^t); w -= lr_t m / (sqrt(v) + eps): the
     * correction is folded into the step size, so eps is the paper's "epsilon hat" and is not
     * bias-corrected. TF {@code ApplyAdam} ({@code tensorflow/core/kernels/training_ops.cc} @v1.4.0),
     * Keras 2 {@code Adam} ({@code keras/optimizers.py} @2.1.6), MXNet {@code Adam} (python
     * {@code optimizer.py} scales lr by sqrt(coef2)/coef1, kernel {@code adam_update} in
     * {@code src/operator/optimizer_op-inl.h} @1.1.0), CNTK {@code adam(..., unit_gain=True)}, PyTorch
     * before fed5ca1.
     */
    CORRECTED_STEP_SIZE,
    /**
     * m = b1 m + g (no (1 - b1) factor); otherwise {@link #CORRECTED_STEP_SIZE}. CNTK
     * {@code adam(..., unit_gain=False)}, as the CNTK RNN notebook of the benchmark called it:
     * {@code Matrix::AdamUpdate} ({@code Source/Math/Matrix.cpp}) passes sqrt(1 - b2^t) / (1 - b1^t) as
     * {@code adaMul} and {@code CPUMatrix::Adam} ({@code Source/Math/CPUMatrix.cpp}) forms
     * m = b1 m + unitGainFactor g with unitGainFactor = 1 when unit gain is off. For the same gradients m
     * is 1 / (1 - b1) times that of {@link #CORRECTED_STEP_SIZE} and v the same, so every step is 1 / (1 - b1)
     * times longer (10 times at the benchmark's b1 = 0.9).
     */
    UNDAMPED_FIRST_MOMENT
}
