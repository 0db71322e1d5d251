package rosetta.reference;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.Conv2d;
import rosetta.layers.ConvConfig;
import rosetta.layers.Parameter;
import rosetta.layers.init.Initializers;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.random.RngStream;

/**
 * Conv2d forward and its input, weight and bias gradients against every conv2d fixture, and against the
 * fixtures of each dialect's framework with the dialect's {@code conv.mode} (Theano and Lasagne flip the
 * kernel) and its algorithm-search policy. The frameworks without a runnable or formula conv fixture of
 * their own compute a cross-correlation, as PyTorch does (reference/defaults-*.md §1), and answer to
 * PyTorch's fixtures.
 */
class ConvFixturesTest {
    static final List<Binding> BINDINGS = Stream.concat(
            Stream.of("pytorch", "caffe2", "chainer", "cntk", "cntk-generator", "gluon", "mxnet", "mxnet-generator",
                    "keras-cntk").map(d -> Binding.of(d, "vgg", "pytorch/conv2d-")),
            Stream.concat(
                    Stream.of("tensorflow", "tensorflow-estimator", "keras-tf")
                            .map(d -> Binding.of(d, "vgg", "tensorflow/conv2d-")),
                    Stream.of("lasagne", "keras-theano").map(d -> Binding.of(d, "vgg", "theano/conv2d-"))))
            .toList();

    /**
     * The padding a framework gives a convolution whose model leaves it out ({@code naive.conv.padding}):
     * every framework's is VALID, checked on the fixtures computed without padding.
     */
    static final List<Binding> DEFAULT_PADDING = Stream.concat(
            Stream.of("pytorch", "caffe2", "chainer", "cntk", "gluon", "mxnet", "lasagne")
                    .map(d -> Binding.of(d, "vgg-naive", "pytorch/conv2d-nchw-pad0-")),
            Stream.of("tensorflow", "keras-tf", "keras-cntk", "keras-theano")
                    .map(d -> Binding.of(d, "vgg-naive", "tensorflow/conv2d-nhwc-valid-")))
            .toList();

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("conv2d");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), f.flag("flip"), AlgorithmPolicy.defaults());
    }

    static Stream<Arguments> bindings() {
        return Binding.cases("conv2d", BINDINGS);
    }

    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("bindings")
    void dialectReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        Dialect d = b.load();
        AlgorithmPolicy policy = new AlgorithmPolicy(b.constant(AlgorithmPolicy.Search.class, Knob.CONV_ALGORITHM_SEARCH),
                d.choice(Knob.CONV_WINOGRAD).equals("on"), (long) (d.number(Knob.CONV_WORKSPACE_LIMIT_MB) * (1 << 20)));
        check(f, ReferenceCases.backend(provider), d.choice(Knob.CONV_MODE).equals("convolution"), policy);
    }

    static Stream<Arguments> defaultPadding() {
        return Binding.cases("conv2d", DEFAULT_PADDING);
    }

    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("defaultPadding")
    void dialectDefaultPaddingReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        Padding padding = b.load().choice(Knob.NAIVE_CONV_PADDING).equals("same") ? Padding.same() : Padding.none();
        check(f, ReferenceCases.backend(provider), f.flag("flip"), AlgorithmPolicy.defaults(), padding);
    }

    /** Every algorithm a policy can pick (exhaustive search, Winograd on or off) gives the framework's numbers. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void everyAlgorithmPolicyAgrees(Fixture f, ReferenceCases.Named provider) {
        Backend backend = ReferenceCases.backend(provider);
        for (AlgorithmPolicy.Search search : AlgorithmPolicy.Search.values()) {
            for (boolean winograd : new boolean[] {true, false}) {
                check(f, backend, f.flag("flip"), new AlgorithmPolicy(search, winograd, 64L << 20));
            }
        }
    }

    /** Runs one conv2d fixture with the kernel flip and algorithm policy given (a dialect's, or the fixture's). */
    static void check(Fixture f, Backend backend, boolean flip, AlgorithmPolicy policy) {
        check(f, backend, flip, policy, padding(f));
    }

    /** As above with the padding given (a dialect's default, or the fixture's). */
    static void check(Fixture f, Backend backend, boolean flip, AlgorithmPolicy policy, Padding padding) {
        Layout layout = Layout.valueOf(f.string("layout"));
        Shape w = f.shape("weight");
        int[] kernel = f.integers("kernel");
        ReferenceCases.assumeExpressible(backend, f, () -> backend.ops().conv().plan(ConvGeometry.of(layout,
                f.shape("x"), w.dim(0), kernel[0], kernel[1], f.integer("stride"), f.integer("stride"), padding, flip),
                DType.FLOAT32, policy));
        ConvConfig config = new ConvConfig("conv", layout == Layout.NCHW ? w.dim(1) : w.dim(3), w.dim(0),
                kernel[0], kernel[1], f.integer("stride"), padding, true, flip, layout,
                Initializers.parse("zeros"), Initializers.parse("zeros"), policy);
        try (Conv2d conv = new Conv2d(backend, DType.FLOAT32, config, RngStream.seeded(0));
                Tensor x = f.tensor(backend, DType.FLOAT32, "x");
                Tensor dy = f.tensor(backend, DType.FLOAT32, "dy")) {
            Parameter weight = conv.parameters().get(0);
            Parameter bias = conv.parameters().get(1);
            f.copyInto("weight", weight.value());
            f.copyInto("bias", bias.value());
            f.assertClose("y", conv.forward(x, true));
            f.assertClose("dx", conv.backward(dy));
            f.assertClose("dweight", weight.gradient());
            f.assertClose("dbias", bias.gradient());
        }
    }

    /** "same" (TensorFlow's split, odd pixel after) or explicit {top, bottom, left, right}. */
    static Padding padding(Fixture f) {
        if (f.string("padding").equals("same")) {
            return Padding.same();
        }
        int[] p = f.integers("padding");
        return Padding.explicit(p[0], p[1], p[2], p[3]);
    }
}
