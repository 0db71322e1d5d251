package rosetta.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.Dropout;
import rosetta.layers.DropoutMode;
import rosetta.models.dialect.Knob;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * Dropout against the framework's training and evaluation outputs. The masks are each side's own draws,
 * so a dropping output is compared by its law: every element is 0 or x / (1 - rate) and about 1 - rate
 * of them are kept; a non-dropping output must be the input itself. Which of the two each mode gives is
 * read from the fixture, so the same check covers a framework used correctly (drops in training only)
 * and one whose switch was forgotten (PyTorch 0.x F.dropout never drops; Caffe2 without is_test always).
 */
class DropoutFixturesTest {
    static final List<Binding> BINDINGS = Stream.concat(
            Stream.of("caffe2", "chainer", "cntk", "cntk-generator", "gluon", "keras-cntk", "keras-tf", "keras-theano",
                    "lasagne", "mxnet", "mxnet-generator", "pytorch", "tensorflow", "tensorflow-estimator")
                    .map(d -> Binding.of(d, "vgg", "pytorch/dropout-rate")),
            Stream.of(Binding.of("pytorch", "vgg-naive", "pytorch/dropout-functional-default"),
                    Binding.of("tensorflow", "vgg-naive", "tensorflow/dropout-layers-default"),
                    Binding.of("tensorflow-estimator", "vgg-naive", "tensorflow/dropout-layers-default"),
                    Binding.of("caffe2", "vgg-naive", "caffe2/dropout-is-test-unset"),
                    Binding.of("chainer", "vgg-naive", "chainer/dropout-config-train-default"),
                    Binding.of("lasagne", "vgg-naive", "lasagne/dropout-deterministic-unset")))
            .toList();

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("dropout");
    }

    /** The framework's behaviour as a mode: what the fixture's two outputs show. */
    static DropoutMode modeOf(Fixture f) {
        boolean train = drops(f, "y_train");
        boolean eval = drops(f, "y_eval");
        return eval ? DropoutMode.ALWAYS : train ? DropoutMode.HONOUR_FLAG : DropoutMode.NEVER;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), modeOf(f));
    }

    static Stream<Arguments> bindings() {
        return Binding.cases("dropout", BINDINGS);
    }

    /**
     * Every dialect drops as its framework does: the benchmark models with {@code dropout.mode}, the
     * naive ones with {@code naive.dropout.mode} (the PyTorch 0.x functional default, tf.layers without
     * training=True, Caffe2 without is_test, Chainer and Lasagne without their switches).
     */
    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("bindings")
    void dialectReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), b.constant(DropoutMode.class, b.pick(Knob.DROPOUT_MODE,
                Knob.NAIVE_DROPOUT_MODE)));
    }

    /** Runs one fixture with the dropout mode given (a dialect's, or the one the fixture shows). */
    static void check(Fixture f, Backend backend, DropoutMode mode) {
        double rate = f.number("rate");
        try (Dropout dropout = new Dropout("dropout", rate, mode, RngStream.seeded(2017));
                Tensor input = f.tensor(backend, DType.FLOAT32, "x")) {
            for (String output : List.of("y_train", "y_eval")) {
                double[] y = dropout.forward(input, output.equals("y_train")).toDoubleArray();
                if (drops(f, output)) {
                    assertInverted(f, output + " (the engine's, mode " + mode + ")", f.values("x"), y, rate);
                } else {
                    f.assertClose(output, dropout.forward(input, output.equals("y_train")));
                }
            }
        }
    }

    /** Whether the framework's output differs from its input: it dropped. */
    private static boolean drops(Fixture f, String output) {
        boolean dropped = !Arrays.equals(f.values("x"), f.values(output));
        if (dropped) {
            assertInverted(f, output + " (the framework's)", f.values("x"), f.values(output), f.number("rate"));
        }
        return dropped;
    }

    private static void assertInverted(Fixture f, String what, double[] x, double[] y, double rate) {
        double scale = 1 / (1 - rate);
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] == 0 && x[i] != 0) {
                continue;
            }
            kept++;
            f.tolerance().assertClose(x[i] * scale, y[i], f + " " + what + "[" + i + "] kept, scaled by 1/(1-rate)");
        }
        // Kept elements are Binomial(n, 1 - rate): allow five standard deviations either way.
        double expected = x.length * (1 - rate);
        double spread = 5 * Math.sqrt(x.length * rate * (1 - rate));
        assertTrue(Math.abs(kept - expected) <= spread,
                f + " " + what + ": kept " + kept + " of " + x.length + ", expected about " + expected);
    }
}
