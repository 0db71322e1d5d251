package rosetta.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rosetta.optim.Fixture.EXACT;

import org.junit.jupiter.api.Test;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.Reduction;
import rosetta.tensor.testing.Tolerance;

/**
 * Each Adam form over three steps on w = [1, -1] with lr 0.1, beta1 0.5, beta2 0.75 and a large
 * epsilon 0.1 (so the forms part at every step), gradients [1, -2], [0.5, 1], [0.5, -1]. These keep
 * v = [0.25, 1] at every step and m[1] = 0 at step 2. Bias corrections: 1 - 0.5^t = 0.5, 0.75, 0.875;
 * 1 - 0.75^t = 0.25, 0.4375, 0.578125.
 */
class AdamTest {
    private static final double[][] GRADIENTS = {{1, -2}, {0.5, 1}, {0.5, -1}};

    private static Adam adam(AdamRule rule) {
        return new Adam(rule, 0.1, 0.5, 0.75, 0.1, LearningRateUnit.MINIBATCH, Reduction.MEAN, WeightDecay.none());
    }

    private static double[][] threeSteps(AdamRule rule) {
        Adam adam = adam(rule);
        try (Parameter w = Fixture.weight(1, -1)) {
            double[][] weights = new double[3][];
            for (int s = 0; s < 3; s++) {
                Fixture.step(adam, w, 4, GRADIENTS[s]);
                weights[s] = Fixture.values(w);
            }
            assertEquals(3, adam.stepCount());
            return weights;
        }
    }

    private static void assertSteps(double[][] expected, double[][] actual) {
        for (int s = 0; s < 3; s++) {
            EXACT.assertClose(expected[s], actual[s], "w after step " + (s + 1));
        }
    }

    @Test
    void biasCorrectedMoments() {
        // m = 0.5 m + 0.5 g: [0.5, -1], [0.5, 0], [0.5, -0.5]; w -= 0.1 (m / c1) / (sqrt(v / c2) + 0.1)
        // step 1: m/c1 = [1, -2], sqrt(v/c2) = [1, 2]: w = [1 - 0.1/1.1, -1 + 0.2/2.1]
        // step 2: w[0] -= 0.1 (0.5/0.75) / (sqrt(0.25/0.4375) + 0.1) = 0.0778880852; w[1] stays
        // step 3: w[0] -= 0.1 (0.5/0.875) / (sqrt(0.25/0.578125) + 0.1) = 0.0754265611;
        //         w[1] += 0.1 (0.5/0.875) / (sqrt(1/0.578125) + 0.1) = 0.0403781686
        assertSteps(new double[][] {
            {0.90909090909090906, -0.90476190476190477},
            {0.83120282389787803, -0.90476190476190477},
            {0.75577626281134891, -0.86438373611514263}}, threeSteps(AdamRule.BIAS_CORRECTED_MOMENTS));
    }

    @Test
    void correctedStepSize() {
        // same m and v; lr_t = 0.1 sqrt(c2) / c1 = 0.1, 0.0881917104, 0.0868966788; w -= lr_t m / (sqrt(v) + 0.1)
        // step 1: w = [1 - 0.1*0.5/0.6, -1 + 0.1*1/1.1] = [1 - 1/12, -1 + 1/11]
        // step 2: w[0] -= 0.0881917104 * 0.5/0.6; w[1] stays
        // step 3: w[0] -= 0.0868966788 * 0.5/0.6; w[1] += 0.0868966788 * 0.5/1.1
        assertSteps(new double[][] {
            {0.91666666666666663, -0.90909090909090906},
            {0.84317357469265031, -0.90909090909090906},
            {0.77075973504624284, -0.8695924511019596}}, threeSteps(AdamRule.CORRECTED_STEP_SIZE));
    }

    @Test
    void undampedFirstMoment() {
        // m = 0.5 m + g: [1, -2], [1, 0], [1, -1], twice CORRECTED_STEP_SIZE's, and so is every move:
        // step 1: w = [1 - 0.1*1/0.6, -1 + 0.1*2/1.1] = [1 - 1/6, -1 + 2/11]
        assertSteps(new double[][] {
            {0.83333333333333337, -0.81818181818181823},
            {0.6863471493853005, -0.81818181818181823},
            {0.5415194700924858, -0.73918490220391919}}, threeSteps(AdamRule.UNDAMPED_FIRST_MOMENT));
    }

    @Test
    void epsilonPlacementMattersOnlyForTinyGradients() {
        // the benchmark's settings; one step from w = [0, 0] with g = [1, 1e-9]
        double[] torch = firstStep(AdamRule.BIAS_CORRECTED_MOMENTS, 1, 1e-9);
        double[] tf = firstStep(AdamRule.CORRECTED_STEP_SIZE, 1, 1e-9);
        // PyTorch: m/c1 = g, sqrt(v/c2) = |g|: w = -0.001 g / (|g| + 1e-8) = [-0.001/(1 + 1e-8), -0.001/11]
        EXACT.assertClose(new double[] {-9.9999999000000006e-4, -9.0909090909090904e-05}, torch, "PyTorch form");
        // TF: w = -0.001 sqrt(0.001)/0.1 * 0.1 g / (sqrt(0.001) |g| + 1e-8): epsilon weighs sqrt(1/0.001) ≈ 31.6
        // times more against sqrt(v)
        EXACT.assertClose(new double[] {-9.9999968377233401e-4, -3.1523091832602117e-06}, tf, "TF form");
        // a gradient of 1 dwarfs either epsilon: the forms agree to 3e-7; at 1e-9 PyTorch steps 28.8 times further
        Tolerance.of(0, 1e-6).assertClose(torch[0], tf[0], "g = 1");
        Tolerance.of(0, 1e-9).assertClose(28.838887819712539, torch[1] / tf[1], "step ratio at g = 1e-9");
    }

    @Test
    void undampedFirstStepIsOneOverOneMinusBeta1TimesTheCorrectedOne() {
        // m = g instead of 0.1 g, the same v: ten times the step whatever the gradient's size
        double[] tf = firstStep(AdamRule.CORRECTED_STEP_SIZE, 1, 1e-9);
        double[] cntk = firstStep(AdamRule.UNDAMPED_FIRST_MOMENT, 1, 1e-9);
        for (int i = 0; i < 2; i++) {
            EXACT.assertClose(10 * tf[i], cntk[i], "w[" + i + "]");
        }
    }

    /** One step at lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-8 (the benchmark's) from w = 0. */
    private static double[] firstStep(AdamRule rule, double... gradient) {
        Adam adam = new Adam(rule, 0.001, 0.9, 0.999, 1e-8, LearningRateUnit.MINIBATCH, Reduction.MEAN,
                WeightDecay.none());
        try (Parameter w = Fixture.weight(0, 0)) {
            Fixture.step(adam, w, 64, gradient);
            return Fixture.values(w);
        }
    }

    @Test
    void momentsLiveInTheParameterState() {
        Adam adam = adam(AdamRule.BIAS_CORRECTED_MOMENTS);
        try (Parameter w = Fixture.weight(1, -1)) {
            Fixture.step(adam, w, 4, GRADIENTS[0]);
            // m = 0.5 * [1, -2], v = 0.25 * [1, 4]
            EXACT.assertClose(new double[] {0.5, -1}, Fixture.state(w, Adam.FIRST_MOMENT), "adam.m");
            EXACT.assertClose(new double[] {0.25, 1}, Fixture.state(w, Adam.SECOND_MOMENT), "adam.v");
        }
    }

    @Test
    void resumedStepCountDrivesTheBiasCorrection() {
        Adam adam = adam(AdamRule.BIAS_CORRECTED_MOMENTS);
        adam.setStepCount(1000);
        try (Parameter w = Fixture.weight(1, -1)) {
            Fixture.step(adam, w, 4, GRADIENTS[0]);
            // step 1001: both corrections are 1 in double precision, so w -= 0.1 m / (sqrt(v) + 0.1)
            // = [1 - 0.1*0.5/0.6, -1 + 0.1*1/1.1], not step 1's [1 - 0.1/1.1, -1 + 0.2/2.1]
            EXACT.assertClose(new double[] {0.91666666666666663, -0.90909090909090906}, Fixture.values(w), "w");
        }
        assertEquals(1001, adam.stepCount());
    }

    @Test
    void weightDecayPassesThroughTheMoments() {
        Adam adam = new Adam(AdamRule.BIAS_CORRECTED_MOMENTS, 0.1, 0.5, 0.75, 0.1, LearningRateUnit.MINIBATCH,
                Reduction.MEAN, new WeightDecay(0.5, WeightDecay.Scope.ALL));
        try (Parameter w = Fixture.weight(1, -1)) {
            // zero loss gradient: g = 0.5 w = [0.5, -0.5], m/c1 = g, sqrt(v/c2) = |g|: w -= 0.1 g / (|g| + 0.1)
            Fixture.step(adam, w, 4, 0, 0);
            EXACT.assertClose(new double[] {1 - 0.05 / 0.6, -1 + 0.05 / 0.6}, Fixture.values(w), "w");
        }
    }

    @Test
    void describeNamesEverySetting() {
        assertEquals("adam(lr=0.1, beta1=0.5, beta2=0.75, epsilon=0.1, rule=CORRECTED_STEP_SIZE, lr-unit=MINIBATCH,"
                + " loss=MEAN, weight-decay=none)", adam(AdamRule.CORRECTED_STEP_SIZE).describe());
    }
}
