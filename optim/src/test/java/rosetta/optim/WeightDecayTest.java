package rosetta.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rosetta.optim.Fixture.EXACT;

import java.util.List;
import org.junit.jupiter.api.Test;
import rosetta.layers.ParamRole;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Reduction;

/**
 * One LR_OUTSIDE step at rate 0.1 with decay 0.1 on a weight [1, -1] and a bias [2, 0.5], both with
 * gradient [1, 2]: the decayed gradient is g + 0.1 w.
 */
class WeightDecayTest {

    /** The weight and the bias after the step. */
    private static double[][] oneStep(WeightDecay.Scope scope) {
        SgdMomentum sgd = new SgdMomentum(MomentumRule.LR_OUTSIDE, 0.1, 0.9, LearningRateUnit.MINIBATCH,
                Reduction.MEAN, new WeightDecay(0.1, scope));
        try (Parameter weight = Fixture.weight(1, -1);
             Parameter bias = Fixture.parameter(ParamRole.BIAS, 2, 0.5)) {
            Fixture.CPU.copyFromHost(new double[] {1, 2}, 0, weight.gradient());
            Fixture.CPU.copyFromHost(new double[] {1, 2}, 0, bias.gradient());
            sgd.step(List.of(weight, bias), 8);
            return new double[][] {Fixture.values(weight), Fixture.values(bias)};
        }
    }

    @Test
    void allDecaysBiasesToo() {
        double[][] after = oneStep(WeightDecay.Scope.ALL);
        // weight: g = [1 + 0.1, 2 - 0.1] = [1.1, 1.9], w = [1 - 0.11, -1 - 0.19]
        EXACT.assertClose(new double[] {0.89, -1.19}, after[0], "weight");
        // bias: g = [1 + 0.2, 2 + 0.05] = [1.2, 2.05], b = [2 - 0.12, 0.5 - 0.205]
        EXACT.assertClose(new double[] {1.88, 0.295}, after[1], "bias");
    }

    @Test
    void weightsOnlyLeavesBiasesUndecayed() {
        double[][] after = oneStep(WeightDecay.Scope.WEIGHTS_ONLY);
        EXACT.assertClose(new double[] {0.89, -1.19}, after[0], "weight");
        // bias: g = [1, 2], b = [2 - 0.1, 0.5 - 0.2]
        EXACT.assertClose(new double[] {1.9, 0.3}, after[1], "bias");
    }

    @Test
    void weightsOnlySkipsTheBiasRoleAlone() {
        WeightDecay decay = new WeightDecay(0.5, WeightDecay.Scope.WEIGHTS_ONLY);
        for (ParamRole role : ParamRole.values()) {
            assertEquals(role == ParamRole.BIAS ? 0.0 : 0.5, decay.coefficientFor(role), role.toString());
        }
        assertEquals(0.5, new WeightDecay(0.5, WeightDecay.Scope.ALL).coefficientFor(ParamRole.BIAS));
    }

    @Test
    void noneDecaysNothing() {
        assertEquals(0.0, WeightDecay.none().coefficientFor(ParamRole.WEIGHT));
        assertEquals("none", WeightDecay.none().toString());
        assertEquals("5.0E-4 weights-only", new WeightDecay(5e-4, WeightDecay.Scope.WEIGHTS_ONLY).toString());
    }

    @Test
    void negativeOrNonFiniteCoefficientIsRefused() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new WeightDecay(bad, WeightDecay.Scope.ALL));
        }
    }
}
