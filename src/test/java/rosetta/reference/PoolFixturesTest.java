package rosetta.reference;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.MaxPool2d;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Padding;

/** MaxPool2d forward and backward against every maxpool2d fixture. */
class PoolFixturesTest {

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("maxpool2d");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), f.integer("stride"), f.string("rounding").equals("ceil"));
    }

    /** Runs one fixture with the stride and rounding given (a dialect's defaults, or the fixture's). */
    static void check(Fixture f, Backend backend, int stride, boolean ceil) {
        Padding padding = f.string("padding").equals("same") ? Padding.same() : Padding.none();
        try (MaxPool2d pool = new MaxPool2d("pool", f.integers("window")[0], stride, padding, ceil,
                Layout.valueOf(f.string("layout")));
                Tensor x = f.tensor(backend, DType.FLOAT32, "x");
                Tensor dy = f.tensor(backend, DType.FLOAT32, "dy")) {
            f.assertClose("y", pool.forward(x, true));
            f.assertClose("dx", pool.backward(dy));
        }
    }
}
