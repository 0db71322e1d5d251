package rosetta.reference;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.SoftmaxCrossEntropy;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.Task;
import rosetta.models.train.Recipe;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.Reduction;

/**
 * SoftmaxCrossEntropy's value and gradient against every softmax_cross_entropy fixture, and against each
 * dialect's framework with the loss the training recipe reads from the dialect ({@code loss.form},
 * {@code loss.reduction}) fed the labels in its {@code loss.labels} encoding.
 */
class LossFixturesTest {
    static final List<Binding> BINDINGS = List.of(
            Binding.of("pytorch", "vgg", "pytorch/softmax_cross_entropy-sparse-mean"),
            Binding.of("tensorflow", "vgg", "tensorflow/softmax_cross_entropy-sparse-mean"),
            Binding.of("tensorflow-estimator", "vgg", "tensorflow/softmax_cross_entropy-sparse-mean"),
            Binding.of("keras-tf", "vgg", "keras/softmax_cross_entropy-"),
            Binding.of("keras-cntk", "vgg", "keras/softmax_cross_entropy-"),
            Binding.of("keras-theano", "vgg", "keras/softmax_cross_entropy-"),
            Binding.of("mxnet", "vgg", "mxnet/softmax_cross_entropy-"),
            Binding.of("mxnet-generator", "vgg", "mxnet/softmax_cross_entropy-"),
            // Gluon's SoftmaxCrossEntropyLoss gives per-example losses whose backward sums, as SoftmaxOutput's.
            Binding.of("gluon", "vgg", "mxnet/softmax_cross_entropy-"),
            Binding.of("cntk", "vgg", "cntk/softmax_cross_entropy-"),
            Binding.of("cntk-generator", "vgg", "cntk/softmax_cross_entropy-"),
            Binding.of("chainer", "vgg", "chainer/softmax_cross_entropy-"),
            Binding.of("caffe2", "vgg", "caffe2/softmax_cross_entropy-"),
            Binding.of("lasagne", "vgg", "lasagne/softmax_cross_entropy-"));

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("softmax_cross_entropy");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        Reduction reduction = f.string("reduction").equals("sum") ? Reduction.SUM : Reduction.MEAN;
        double clip = f.has("clip") ? f.number("clip") : 0;
        check(f, ReferenceCases.backend(provider), new LossSpec(reduction, clip), f.string("labels").equals("sparse"));
    }

    static Stream<Arguments> bindings() {
        return Binding.cases("softmax_cross_entropy", BINDINGS);
    }

    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("bindings")
    void dialectReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        Recipe recipe = Recipe.of(b.load(), Task.CIFAR10, Hyperparameters.cnn());
        check(f, ReferenceCases.backend(provider), recipe.loss(), !recipe.oneHotLabels());
    }

    /**
     * Runs one fixture with the loss and label encoding given (a dialect's, or the fixture's). The labels
     * are handed over as the framework was given them; an encoding that does not match is a failure.
     */
    static void check(Fixture f, Backend backend, LossSpec spec, boolean sparseLabels) {
        boolean fixtureSparse = f.shape("labels").rank() == 1;
        if (sparseLabels != fixtureSparse) {
            throw new AssertionError(f + " gives " + (fixtureSparse ? "class-index" : "one-hot")
                    + " labels, the configuration under test expects " + (sparseLabels ? "class indices" : "one-hot rows"));
        }
        try (SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(backend, spec);
                Tensor logits = f.tensor(backend, DType.FLOAT32, "logits");
                Tensor labels = f.tensor(backend, sparseLabels ? DType.INT32 : DType.FLOAT32, "labels")) {
            f.assertClose("loss", loss.forward(logits, labels));
            f.assertClose("dlogits", loss.backward());
        }
    }
}
