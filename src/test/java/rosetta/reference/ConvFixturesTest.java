package rosetta.reference;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.Conv2d;
import rosetta.layers.ConvConfig;
import rosetta.layers.Parameter;
import rosetta.layers.init.Initializers;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.random.RngStream;

/** Conv2d forward and its input, weight and bias gradients against every conv2d fixture. */
class ConvFixturesTest {

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("conv2d");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), f.flag("flip"), AlgorithmPolicy.defaults());
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
        Layout layout = Layout.valueOf(f.string("layout"));
        Shape w = f.shape("weight");
        int[] kernel = f.integers("kernel");
        ConvConfig config = new ConvConfig("conv", layout == Layout.NCHW ? w.dim(1) : w.dim(3), w.dim(0),
                kernel[0], kernel[1], f.integer("stride"), padding(f), true, flip, layout,
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
