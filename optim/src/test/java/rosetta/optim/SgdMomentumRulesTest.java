package rosetta.optim;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static rosetta.optim.Fixture.EXACT;

import org.junit.jupiter.api.Test;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Reduction;

/**
 * Each momentum rule over three steps on w = [1, -1] with momentum 0.5 and gradients [1, 2], [2, -1],
 * [-1, 1]; the rate is 0.1 for steps 1 and 2 and 0.2 for step 3, where the rules with the rate inside
 * the velocity part from those with it outside. Expected numbers are worked out by hand in the comments.
 */
class SgdMomentumRulesTest {
    private static final double MOMENTUM = 0.5;
    private static final double[][] GRADIENTS = {{1, 2}, {2, -1}, {-1, 1}};

    /** Weights after each step and the velocity after the last. */
    private record Trajectory(double[][] weights, double[] velocity) {
    }

    private static Trajectory run(MomentumRule rule, double thirdRate) {
        SgdMomentum sgd = new SgdMomentum(rule, 0.1, MOMENTUM, LearningRateUnit.MINIBATCH, Reduction.MEAN,
                WeightDecay.none());
        try (Parameter w = Fixture.weight(1, -1)) {
            double[][] weights = new double[3][];
            for (int s = 0; s < 3; s++) {
                if (s == 2) {
                    sgd.setLearningRate(thirdRate);
                }
                Fixture.step(sgd, w, 4, GRADIENTS[s]);
                weights[s] = Fixture.values(w);
            }
            return new Trajectory(weights, Fixture.state(w, SgdMomentum.VELOCITY));
        }
    }

    private static void assertTrajectory(Trajectory actual, double[][] weights, double[] velocity) {
        for (int s = 0; s < 3; s++) {
            EXACT.assertClose(weights[s], actual.weights()[s], "w after step " + (s + 1));
        }
        EXACT.assertClose(velocity, actual.velocity(), "velocity after step 3");
    }

    @Test
    void lrOutside() {
        // v = 0.5 v + g; w -= lr v
        // w[0]: v 1, w 1 - 0.1*1 = 0.9; v 0.5 + 2 = 2.5, w 0.9 - 0.25 = 0.65;
        //       v 1.25 - 1 = 0.25, w 0.65 - 0.2*0.25 = 0.6
        // w[1]: v 2, w -1.2; v 1 - 1 = 0, w -1.2; v 0 + 1 = 1, w -1.2 - 0.2*1 = -1.4
        assertTrajectory(run(MomentumRule.LR_OUTSIDE, 0.2),
                new double[][] {{0.9, -1.2}, {0.65, -1.2}, {0.6, -1.4}}, new double[] {0.25, 1});
    }

    @Test
    void lrInside() {
        // v = 0.5 v - lr g; w += v
        // w[0]: v -0.1, w 0.9; v -0.05 - 0.2 = -0.25, w 0.65; v -0.125 + 0.2 = 0.075, w 0.725
        // w[1]: v -0.2, w -1.2; v -0.1 + 0.1 = 0, w -1.2; v 0 - 0.2 = -0.2, w -1.4
        assertTrajectory(run(MomentumRule.LR_INSIDE, 0.2),
                new double[][] {{0.9, -1.2}, {0.65, -1.2}, {0.725, -1.4}}, new double[] {0.075, -0.2});
    }

    @Test
    void lrInsidePositive() {
        // v = 0.5 v + lr g; w -= v: the velocity of LR_INSIDE with the sign flipped, the same weights
        assertTrajectory(run(MomentumRule.LR_INSIDE_POSITIVE, 0.2),
                new double[][] {{0.9, -1.2}, {0.65, -1.2}, {0.725, -1.4}}, new double[] {-0.075, 0.2});
    }

    @Test
    void rateChangePartsLrOutsideFromLrInside() {
        Trajectory outside = run(MomentumRule.LR_OUTSIDE, 0.2);
        Trajectory inside = run(MomentumRule.LR_INSIDE, 0.2);
        EXACT.assertClose(outside.weights()[1], inside.weights()[1], "equal before the rate changes");
        // step 3, w[0]: LR_OUTSIDE rescales the whole velocity by the new rate, 0.2 * (0.5*2.5 - 1) = 0.05;
        // LR_INSIDE keeps the velocity built at 0.1 and adds only the new gradient at 0.2: 0.5*0.25 - 0.2*1 = -0.075
        EXACT.assertClose(0.65 - 0.05, outside.weights()[2][0], "LR_OUTSIDE w[0]");
        EXACT.assertClose(0.65 + 0.075, inside.weights()[2][0], "LR_INSIDE w[0]");
        assertNotEquals(outside.weights()[2][0], inside.weights()[2][0]);
    }

    @Test
    void unitGain() {
        // v = 0.5 v + (1 - 0.5) lr g; w -= v
        // w[0]: v 0.05, w 0.95; v 0.025 + 0.1 = 0.125, w 0.825; v 0.0625 - 0.1 = -0.0375, w 0.8625
        // w[1]: v 0.1, w -1.1; v 0.05 - 0.05 = 0, w -1.1; v 0 + 0.1 = 0.1, w -1.2
        assertTrajectory(run(MomentumRule.UNIT_GAIN, 0.2),
                new double[][] {{0.95, -1.1}, {0.825, -1.1}, {0.8625, -1.2}}, new double[] {-0.0375, 0.1});
    }

    @Test
    void unitGainStepsAreOneMinusMomentumOfClassic() {
        // at a constant rate every UNIT_GAIN velocity is (1 - 0.5) times LR_INSIDE_POSITIVE's, so each weight
        // moves half as far from [1, -1]: LR_INSIDE_POSITIVE ends at [0.625, -1.3], UNIT_GAIN at [0.8125, -1.15]
        Trajectory classic = run(MomentumRule.LR_INSIDE_POSITIVE, 0.1);
        Trajectory unitGain = run(MomentumRule.UNIT_GAIN, 0.1);
        double[] start = {1, -1};
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 2; i++) {
                EXACT.assertClose(0.5 * (classic.weights()[s][i] - start[i]), unitGain.weights()[s][i] - start[i],
                        "UNIT_GAIN move of w[" + i + "] in step " + (s + 1));
            }
        }
        EXACT.assertClose(new double[] {0.8125, -1.15}, unitGain.weights()[2], "UNIT_GAIN w after step 3");
    }

    @Test
    void nesterovLrOutside() {
        // v = 0.5 v + g; w -= lr (g + 0.5 v)
        // w[0]: v 1, w 1 - 0.1*1.5 = 0.85; v 2.5, w 0.85 - 0.1*3.25 = 0.525; v 0.25, w 0.525 - 0.2*(-0.875) = 0.7
        // w[1]: v 2, w -1 - 0.1*3 = -1.3; v 0, w -1.3 - 0.1*(-1) = -1.2; v 1, w -1.2 - 0.2*1.5 = -1.5
        assertTrajectory(run(MomentumRule.NESTEROV_LR_OUTSIDE, 0.2),
                new double[][] {{0.85, -1.3}, {0.525, -1.2}, {0.7, -1.5}}, new double[] {0.25, 1});
    }

    @Test
    void nesterovLrInside() {
        // v = 0.5 v - lr g; w += 0.5 v - lr g
        // w[0]: v -0.1, w 1 - 0.05 - 0.1 = 0.85; v -0.25, w 0.85 - 0.125 - 0.2 = 0.525;
        //       v -0.125 + 0.2 = 0.075, w 0.525 + 0.0375 + 0.2 = 0.7625
        // w[1]: v -0.2, w -1 - 0.1 - 0.2 = -1.3; v 0, w -1.3 + 0.1 = -1.2; v -0.2, w -1.2 - 0.1 - 0.2 = -1.5
        assertTrajectory(run(MomentumRule.NESTEROV_LR_INSIDE, 0.2),
                new double[][] {{0.85, -1.3}, {0.525, -1.2}, {0.7625, -1.5}}, new double[] {0.075, -0.2});
    }

    @Test
    void nesterovCaffe2() {
        // v' = 0.5 v + lr g; w -= 1.5 v' - 0.5 v
        // w[0]: v' 0.1, w 1 - 0.15 = 0.85; v' 0.05 + 0.2 = 0.25, w 0.85 - (0.375 - 0.05) = 0.525;
        //       v' 0.125 - 0.2 = -0.075, w 0.525 - (-0.1125 - 0.125) = 0.7625
        // w[1]: v' 0.2, w -1.3; v' 0.1 - 0.1 = 0, w -1.3 - (0 - 0.1) = -1.2; v' 0.2, w -1.2 - 0.3 = -1.5
        // the same weights as NESTEROV_LR_INSIDE, even across the rate change: 1.5 v' - 0.5 v = 0.5 v' + lr g
        assertTrajectory(run(MomentumRule.NESTEROV_CAFFE2, 0.2),
                new double[][] {{0.85, -1.3}, {0.525, -1.2}, {0.7625, -1.5}}, new double[] {-0.075, 0.2});
    }

    @Test
    void constantRateForms() {
        // rate 0.1 throughout; step 3, w[0]: LR_OUTSIDE v 0.25, w 0.65 - 0.025 = 0.625; w[1]: v 1, w -1.3.
        // The lr-inside velocities are the lr-outside ones times -lr (LR_INSIDE) or +lr (LR_INSIDE_POSITIVE).
        assertTrajectory(run(MomentumRule.LR_OUTSIDE, 0.1),
                new double[][] {{0.9, -1.2}, {0.65, -1.2}, {0.625, -1.3}}, new double[] {0.25, 1});
        assertTrajectory(run(MomentumRule.LR_INSIDE, 0.1),
                new double[][] {{0.9, -1.2}, {0.65, -1.2}, {0.625, -1.3}}, new double[] {-0.025, -0.1});
        assertTrajectory(run(MomentumRule.LR_INSIDE_POSITIVE, 0.1),
                new double[][] {{0.9, -1.2}, {0.65, -1.2}, {0.625, -1.3}}, new double[] {0.025, 0.1});
        // the Nesterov forms agree too; step 3, w[0]: 0.525 - 0.1*(-1 + 0.125) = 0.6125; w[1]: -1.2 - 0.1*1.5 = -1.35
        double[][] nesterov = {{0.85, -1.3}, {0.525, -1.2}, {0.6125, -1.35}};
        assertTrajectory(run(MomentumRule.NESTEROV_LR_OUTSIDE, 0.1), nesterov, new double[] {0.25, 1});
        assertTrajectory(run(MomentumRule.NESTEROV_LR_INSIDE, 0.1), nesterov, new double[] {-0.025, -0.1});
        assertTrajectory(run(MomentumRule.NESTEROV_CAFFE2, 0.1), nesterov, new double[] {0.025, 0.1});
    }
}
