package rosetta.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rosetta.optim.Fixture.EXACT;

import org.junit.jupiter.api.Test;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Reduction;

/**
 * One LR_OUTSIDE step (the first step is w -= lr g) at rate 0.1 from w = [1, -1] on a batch of N = 4
 * examples whose mean gradient is [1, 2]: a mean loss leaves [1, 2] in the parameter, a summed loss [4, 8].
 */
class LearningRateUnitTest {
    private static final int N = 4;

    private static double[] oneStep(LearningRateUnit unit, Reduction loss, WeightDecay decay, double... gradient) {
        SgdMomentum sgd = new SgdMomentum(MomentumRule.LR_OUTSIDE, 0.1, 0.9, unit, loss, decay);
        try (Parameter w = Fixture.weight(1, -1)) {
            Fixture.step(sgd, w, N, gradient);
            return Fixture.values(w);
        }
    }

    @Test
    void gradientScaleTurnsTheLossGradientIntoWhatTheRateMultiplies() {
        assertEquals(1.0, LearningRateUnit.MINIBATCH.gradientScale(Reduction.MEAN, N));
        assertEquals(0.25, LearningRateUnit.MINIBATCH.gradientScale(Reduction.SUM, N));
        assertEquals(4.0, LearningRateUnit.SAMPLE.gradientScale(Reduction.MEAN, N));
        assertEquals(1.0, LearningRateUnit.SAMPLE.gradientScale(Reduction.SUM, N));
    }

    @Test
    void minibatchUnitStepsAlikeForMeanAndSummedLosses() {
        // w -= 0.1 * [1, 2] = [0.9, -1.2], whether the mean [1, 2] or the sum [4, 8] / 4 is given
        double[] expected = {0.9, -1.2};
        EXACT.assertClose(expected, oneStep(LearningRateUnit.MINIBATCH, Reduction.MEAN, WeightDecay.none(), 1, 2),
                "MEAN + MINIBATCH");
        EXACT.assertClose(expected, oneStep(LearningRateUnit.MINIBATCH, Reduction.SUM, WeightDecay.none(), 4, 8),
                "SUM + MINIBATCH");
    }

    @Test
    void sampleUnitStepsBatchSizeTimesFurther() {
        // the rate multiplies the sum [4, 8]: w -= 0.1 * [4, 8] = [0.6, -1.8], a move 4 times MINIBATCH's
        double[] expected = {0.6, -1.8};
        EXACT.assertClose(expected, oneStep(LearningRateUnit.SAMPLE, Reduction.MEAN, WeightDecay.none(), 1, 2),
                "MEAN + SAMPLE");
        EXACT.assertClose(expected, oneStep(LearningRateUnit.SAMPLE, Reduction.SUM, WeightDecay.none(), 4, 8),
                "SUM + SAMPLE");
    }

    @Test
    void sampleUnitDecaysPerExample() {
        // CNTK adds l2 * N * w to the summed gradient: [4, 8] + 4 * 0.5 * [1, -1] = [6, 6], w -= 0.1 * [6, 6]
        WeightDecay l2 = new WeightDecay(0.5, WeightDecay.Scope.ALL);
        EXACT.assertClose(new double[] {0.4, -1.6}, oneStep(LearningRateUnit.SAMPLE, Reduction.SUM, l2, 4, 8),
                "SUM + SAMPLE with decay");
        // per minibatch: [1, 2] + 0.5 * [1, -1] = [1.5, 1.5], w -= 0.1 * [1.5, 1.5]: again a quarter of the move
        EXACT.assertClose(new double[] {0.85, -1.15}, oneStep(LearningRateUnit.MINIBATCH, Reduction.SUM, l2, 4, 8),
                "SUM + MINIBATCH with decay");
    }

    @Test
    void emptyBatchIsRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateUnit.MINIBATCH.gradientScale(Reduction.MEAN, 0));
        assertTrue(e.getMessage().contains("batch size must be at least 1"), e.getMessage());
    }
}
