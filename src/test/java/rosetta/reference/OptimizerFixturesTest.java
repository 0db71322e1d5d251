package rosetta.reference;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.ParamRole;
import rosetta.layers.Parameter;
import rosetta.optim.Adam;
import rosetta.optim.LearningRateUnit;
import rosetta.optim.Optimizer;
import rosetta.optim.SgdMomentum;
import rosetta.optim.WeightDecay;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Reduction;

/**
 * Three optimiser steps against every sgd_momentum and adam fixture: the weights after each step, with
 * the learning rate changed where the fixture changes it. A fixture's gradient is of the batch-mean
 * loss ("mean") or of the summed loss ("sum", MXNet's SoftmaxOutput and CNTK's Trainer).
 */
class OptimizerFixturesTest {

    static Stream<Arguments> fixtures() {
        return Stream.concat(ReferenceCases.of("sgd_momentum"), ReferenceCases.of("adam"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        Reduction reduction = f.string("gradient").equals("sum") ? Reduction.SUM : Reduction.MEAN;
        check(f, ReferenceCases.backend(provider), f.string("rule"), reduction, LearningRateUnit.MINIBATCH);
    }

    /**
     * Runs one fixture under the update rule (a MomentumRule or AdamRule value in kebab case), loss
     * reduction and learning-rate unit given (a dialect's, or the fixture's).
     */
    static void check(Fixture f, Backend backend, String rule, Reduction reduction, LearningRateUnit unit) {
        double[] rates = f.numbers("learning_rates");
        Optimizer optimizer = f.op().equals("adam")
                ? new Adam(constant(AdamRule.class, rule), rates[0], f.number("beta1"), f.number("beta2"),
                        f.number("epsilon"), unit, reduction, WeightDecay.none())
                : new SgdMomentum(constant(MomentumRule.class, rule), rates[0], f.number("momentum"), unit, reduction,
                        WeightDecay.none());
        Shape steps = f.shape("gradients");
        double[] gradients = f.values("gradients");
        double[] expected = f.values("weights");
        int size = steps.dim(1);
        try (Parameter weight = new Parameter("weight", ParamRole.WEIGHT, f.tensor(backend, DType.FLOAT32, "weight"),
                "fixture")) {
            for (int t = 0; t < steps.dim(0); t++) {
                float[] g = new float[size];
                for (int i = 0; i < size; i++) {
                    g[i] = (float) gradients[t * size + i];
                }
                backend.copyFromHost(g, 0, weight.gradient());
                optimizer.setLearningRate(rates[t]);
                optimizer.step(List.of(weight), f.integer("batch"));
                double[] after = new double[size];
                System.arraycopy(expected, t * size, after, 0, size);
                f.tolerance().assertClose(after, weight.value().toDoubleArray(), f + " weights after step " + (t + 1));
            }
        }
    }

    static <E extends Enum<E>> E constant(Class<E> type, String kebab) {
        return Enum.valueOf(type, kebab.toUpperCase().replace('-', '_'));
    }
}
