package rosetta.tensor.ops;

/**
 * The per-step numbers an Adam update needs, computed on the host the same way for every backend, so
 * each backend evaluates the same element expression
 * {@code w -= stepSize m / (sqrt(v) / rootCorrection2 + epsilon)} with
 * {@code m = beta1 m + firstMomentGain g} on the same doubles. Static methods rather than a value, so an
 * update allocates nothing.
 */
public final class AdamStep {
    private AdamStep() {
    }

    /**
     * torch/optim/adam.py: lr / bias_correction1; training_ops.cc ApplyAdam:
     * lr sqrt(1 - beta2^t) / (1 - beta1^t). {@code step} counts from 1.
     */
    public static double stepSize(AdamRule rule, double learningRate, double beta1, double beta2, long step) {
        if (step < 1) {
            throw new IllegalArgumentException("Adam counts steps from 1 (bias correction), got step " + step);
        }
        double correction1 = 1 - Math.pow(beta1, step);
        return rule == AdamRule.BIAS_CORRECTED_MOMENTS ? learningRate / correction1
                : learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / correction1;
    }

    /** PyTorch divides sqrt(v) by sqrt(bias_correction2); the step-size forms leave it (epsilon-hat). */
    public static double rootCorrection2(AdamRule rule, double beta2, long step) {
        return rule == AdamRule.BIAS_CORRECTED_MOMENTS ? Math.sqrt(1 - Math.pow(beta2, step)) : 1;
    }

    /** CNTK with unit gain off drops the (1 - b1) factor of the first moment (CPUMatrix::Adam). */
    public static double firstMomentGain(AdamRule rule, double beta1) {
        return rule == AdamRule.UNDAMPED_FIRST_MOMENT ? 1 : 1 - beta1;
    }
}
