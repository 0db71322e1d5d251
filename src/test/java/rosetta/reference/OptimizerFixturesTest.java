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
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.Task;
import rosetta.models.train.Recipe;
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
    static final List<Binding> SGD = List.of(
            Binding.of("pytorch", "vgg", "pytorch/sgd_momentum-"),
            Binding.of("tensorflow", "vgg", "tensorflow/sgd_momentum-"),
            Binding.of("tensorflow-estimator", "vgg", "tensorflow/sgd_momentum-"),
            Binding.of("keras-tf", "vgg", "keras/sgd_momentum-"),
            Binding.of("keras-cntk", "vgg", "keras/sgd_momentum-"),
            Binding.of("keras-theano", "vgg", "keras/sgd_momentum-"),
            Binding.of("mxnet", "vgg", "mxnet/sgd_momentum-"),
            Binding.of("mxnet-generator", "vgg", "mxnet/sgd_momentum-"),
            // Gluon's Trainer.step(batch) runs the same sgd_mom_update with rescale_grad = 1/batch.
            Binding.of("gluon", "vgg", "mxnet/sgd_momentum-"),
            Binding.of("cntk", "vgg", "cntk/sgd_momentum-classic"),
            Binding.of("cntk-generator", "vgg", "cntk/sgd_momentum-classic"),
            Binding.of("chainer", "vgg", "chainer/sgd_momentum-"),
            Binding.of("caffe2", "vgg", "caffe2/sgd_momentum-"),
            Binding.of("lasagne", "vgg", "lasagne/sgd_momentum-"));

    /** Keras and MXNet/Gluon's Adam take TensorFlow's form (lr_t with epsilon outside the correction). */
    static final List<Binding> ADAM = List.of(
            Binding.of("pytorch", "gru", "pytorch/adam-v0.3-"),
            Binding.of("tensorflow", "gru", "tensorflow/adam-"),
            Binding.of("keras-tf", "gru", "tensorflow/adam-"),
            Binding.of("keras-cntk", "gru", "tensorflow/adam-"),
            Binding.of("mxnet", "gru", "tensorflow/adam-"),
            Binding.of("gluon", "gru", "tensorflow/adam-"),
            Binding.of("cntk", "gru", "cntk/adam-"));

    static Stream<Arguments> fixtures() {
        return Stream.concat(ReferenceCases.of("sgd_momentum"), ReferenceCases.of("adam"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        Reduction reduction = f.string("gradient").equals("sum") ? Reduction.SUM : Reduction.MEAN;
        check(f, ReferenceCases.backend(provider), f.string("rule"), reduction, LearningRateUnit.MINIBATCH);
    }

    static Stream<Arguments> sgdBindings() {
        return Binding.cases("sgd_momentum", SGD);
    }

    /**
     * Each dialect's momentum update as training builds it: the rule, and the gradient scale that its
     * loss reduction and learning-rate unit give (a fixture whose gradient is a mean fails under a dialect
     * that sums, and the reverse).
     */
    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("sgdBindings")
    void dialectMomentumReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        Recipe.OptimizerSettings o = Recipe.of(b.load(), Task.CIFAR10, Hyperparameters.cnn()).optimizer();
        check(f, ReferenceCases.backend(provider), kebab(o.momentumRule()), o.reduction(), o.unit());
    }

    static Stream<Arguments> adamBindings() {
        return Binding.cases("adam", ADAM);
    }

    /**
     * Each dialect's Adam form ({@code optimizer.adam}). Adam divides by the gradient's own scale, so only
     * epsilon sees the mean-or-sum convention; the fixture's is used and the SGD bindings pin the dialect's.
     */
    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("adamBindings")
    void dialectAdamReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        Recipe.OptimizerSettings o = Recipe.of(b.load(), Task.IMDB, Hyperparameters.rnn()).optimizer();
        Reduction reduction = f.string("gradient").equals("sum") ? Reduction.SUM : Reduction.MEAN;
        check(f, ReferenceCases.backend(provider), kebab(o.adamRule()), reduction, LearningRateUnit.MINIBATCH);
    }

    /**
     * Runs one fixture under the update rule (a MomentumRule or AdamRule value in kebab case), loss
     * reduction and learning-rate unit given (a dialect's, or the fixture's).
     */
    static void check(Fixture f, Backend backend, String rule, Reduction reduction, LearningRateUnit unit) {
        double[] rates = f.numbers("learning_rates");
        Optimizer optimizer = f.op().equals("adam")
                ? new Adam(Binding.enumOf(AdamRule.class, rule), rates[0], f.number("beta1"), f.number("beta2"),
                        f.number("epsilon"), unit, reduction, WeightDecay.none())
                : new SgdMomentum(Binding.enumOf(MomentumRule.class, rule), rates[0], f.number("momentum"), unit, reduction,
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

    static String kebab(Enum<?> value) {
        return value.name().toLowerCase().replace('_', '-');
    }
}
