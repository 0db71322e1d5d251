package rosetta.reference;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.MaxPool2d;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.ops.PoolGeometry;

/**
 * MaxPool2d forward and backward against every maxpool2d fixture, and against each dialect's framework
 * with the dialect's {@code pool.rounding} and, where the fixture left the stride to the framework,
 * its {@code naive.pool.stride}. Only fixtures that use the framework's own rounding are bound (PyTorch's
 * ceil_mode=True cases are explicit arguments, not its default).
 */
class PoolFixturesTest {
    static final List<Binding> BINDINGS = List.of(
            Binding.of("pytorch", "vgg-naive", "pytorch/maxpool2d-nchw-k2-default-stride"),
            Binding.of("pytorch", "vgg-naive", "pytorch/maxpool2d-nchw-k2-s1-floor"),
            Binding.of("tensorflow", "vgg-naive", "tensorflow/maxpool2d-"),
            Binding.of("tensorflow-estimator", "vgg-naive", "tensorflow/maxpool2d-"),
            Binding.of("keras-tf", "vgg-naive", "keras/maxpool2d-"),
            Binding.of("keras-cntk", "vgg-naive", "keras/maxpool2d-"),
            Binding.of("keras-theano", "vgg-naive", "keras/maxpool2d-"),
            Binding.of("chainer", "vgg-naive", "chainer/maxpool2d-"),
            Binding.of("mxnet", "vgg-naive", "mxnet/maxpool2d-"),
            Binding.of("mxnet-generator", "vgg-naive", "mxnet/maxpool2d-"),
            Binding.of("gluon", "vgg-naive", "gluon/maxpool2d-"),
            Binding.of("cntk", "vgg-naive", "cntk/maxpool2d-"),
            Binding.of("cntk-generator", "vgg-naive", "cntk/maxpool2d-"),
            Binding.of("caffe2", "vgg-naive", "caffe2/maxpool2d-"),
            Binding.of("lasagne", "vgg-naive", "lasagne/maxpool2d-"));

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("maxpool2d");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), f.integer("stride"), f.string("rounding").equals("ceil"));
    }

    static Stream<Arguments> bindings() {
        return Binding.cases("maxpool2d", BINDINGS);
    }

    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("bindings")
    void dialectReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        Dialect d = b.load();
        int window = f.integers("window")[0];
        int stride = f.flag("stride_given") ? f.integer("stride")
                : d.choice(Knob.NAIVE_POOL_STRIDE).equals("1") ? 1 : window;
        check(f, ReferenceCases.backend(provider), stride, d.choice(Knob.POOL_ROUNDING).equals("ceil"));
    }

    /** Runs one fixture with the stride and rounding given (a dialect's defaults, or the fixture's). */
    static void check(Fixture f, Backend backend, int stride, boolean ceil) {
        Padding padding = f.string("padding").equals("same") ? Padding.same() : Padding.none();
        int window = f.integers("window")[0];
        Layout layout = Layout.valueOf(f.string("layout"));
        ReferenceCases.assumeExpressible(backend, f, () -> backend.ops().pool().plan(PoolGeometry.of(layout,
                f.shape("x"), window, window, stride, stride, padding, ceil), DType.FLOAT32));
        try (MaxPool2d pool = new MaxPool2d("pool", window, stride, padding, ceil, layout);
                Tensor x = f.tensor(backend, DType.FLOAT32, "x");
                Tensor dy = f.tensor(backend, DType.FLOAT32, "dy")) {
            f.assertClose("y", pool.forward(x, true));
            f.assertClose("dx", pool.backward(dy));
        }
    }
}
