package rosetta.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Reduction;

/** Step counting, rate changes, report lines and the one-line refusals of bad settings. */
class OptimizerSettingsTest {

    private static SgdMomentum sgd(double learningRate, double momentum) {
        return new SgdMomentum(MomentumRule.LR_OUTSIDE, learningRate, momentum, LearningRateUnit.MINIBATCH,
                Reduction.MEAN, WeightDecay.none());
    }

    private static Adam adam(double beta1, double beta2, double epsilon) {
        return new Adam(AdamRule.BIAS_CORRECTED_MOMENTS, 0.001, beta1, beta2, epsilon, LearningRateUnit.MINIBATCH,
                Reduction.MEAN, WeightDecay.none());
    }

    private static void assertRefused(String expectedStart, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void stepsAreCountedAndCanBeRestored() {
        SgdMomentum sgd = sgd(0.1, 0.9);
        try (Parameter w = Fixture.weight(1, -1)) {
            Fixture.step(sgd, w, 2, 1, 1);
            Fixture.step(sgd, w, 2, 1, 1);
        }
        assertEquals(2, sgd.stepCount());
        sgd.setStepCount(780);
        assertEquals(780, sgd.stepCount());
        sgd.step(List.of(), 64);
        assertEquals(781, sgd.stepCount());
    }

    @Test
    void refusedStepIsNotCounted() {
        SgdMomentum sgd = sgd(0.1, 0.9);
        assertRefused("batch size must be at least 1", () -> sgd.step(List.of(), 0));
        assertEquals(0, sgd.stepCount());
    }

    @Test
    void learningRateCanChangeBetweenSteps() {
        SgdMomentum sgd = sgd(0.01, 0.9);
        sgd.setLearningRate(0.001);
        assertEquals(0.001, sgd.learningRate());
        assertEquals("sgd(lr=0.001, momentum=0.9, rule=LR_OUTSIDE, lr-unit=MINIBATCH, loss=MEAN, weight-decay=none)",
                sgd.describe());
    }

    @Test
    void badSettingsAreRefusedWithWhatIsWrong() {
        assertRefused("learning rate must be a finite number >= 0, got -0.1", () -> sgd(-0.1, 0.9));
        assertRefused("learning rate must be a finite number >= 0, got NaN", () -> sgd(Double.NaN, 0.9));
        assertRefused("learning rate", () -> sgd(0.1, 0.9).setLearningRate(Double.POSITIVE_INFINITY));
        assertRefused("momentum must be in [0, 1), got 1.0", () -> sgd(0.1, 1.0));
        assertRefused("momentum must be in [0, 1), got -0.5", () -> sgd(0.1, -0.5));
        assertRefused("step count must be >= 0, got -1", () -> sgd(0.1, 0.9).setStepCount(-1));
        assertRefused("beta1 must be in [0, 1), got 1.0", () -> adam(1.0, 0.999, 1e-8));
        assertRefused("beta2 must be in [0, 1), got 1.5", () -> adam(0.9, 1.5, 1e-8));
        assertRefused("epsilon must be a finite number > 0", () -> adam(0.9, 0.999, 0));
    }
}
