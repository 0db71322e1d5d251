package rosetta.tensor.ops;

/**
 * The per-step numbers an Adam update needs, computed once on the host the same way for every backend,
 * so each backend evaluates the same element expression
 * {@code w -= stepSize m / (sqrt(v) / rootCorrection2 + epsilon)} with
 * {@code m = beta1 m + firstMomentGain g} and the same doubles.
 */
public record AdamStep(double stepSize, double rootCorrection2, double firstMomentGain) {

    /** The numbers of update {@code step} (counted from 1) in {@code rule}'s form. */
    public static AdamStep of(AdamRule rule, double learningRate, double beta1, double beta2, long step) {
        if (step < 1) {
            throw new IllegalArgumentException("Adam counts steps from 1 (bias correction), got step " + step);
        }
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        // CNTK with unit gain off drops the (1 - b1) factor of the first moment (CPUMatrix::Adam)
        double firstMomentGain = rule == AdamRule.UNDAMPED_FIRST_MOMENT ? 1 : 1 - beta1;
        return switch (rule) {
            // torch/optim/adam.py: step_size = lr / bias_correction1, denom = sqrt(v) / sqrt(bias_correction2) + eps
            case BIAS_CORRECTED_MOMENTS -> new AdamStep(learningRate / correction1, Math.sqrt(correction2),
                    firstMomentGain);
            // training_ops.cc ApplyAdam: alpha = lr sqrt(1 - beta2_power) / (1 - beta1_power), denom = sqrt(v) + eps
            case CORRECTED_STEP_SIZE, UNDAMPED_FIRST_MOMENT -> new AdamStep(
                    learningRate * Math.sqrt(correction2) / correction1, 1, firstMomentGain);
        };
    }
}
