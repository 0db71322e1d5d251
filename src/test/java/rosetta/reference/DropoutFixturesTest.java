package rosetta.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.Dropout;
import rosetta.layers.DropoutMode;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * Dropout against the framework's training and evaluation outputs. The masks are each side's own draws,
 * so training mode is compared by its law: every output is 0 or x / (1 - rate), the framework's kept
 * outputs included, and about 1 - rate of them are kept; evaluation must return the input unchanged.
 */
class DropoutFixturesTest {

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("dropout");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), DropoutMode.HONOUR_FLAG);
    }

    /** Runs one fixture with the dropout mode given (a dialect's, or the framework's own HONOUR_FLAG). */
    static void check(Fixture f, Backend backend, DropoutMode mode) {
        double rate = f.number("rate");
        double[] x = f.values("x");
        assertInverted(f, "the framework's training output", x, f.values("y_train"), rate);
        try (Dropout dropout = new Dropout("dropout", rate, mode, RngStream.seeded(2017));
                Tensor input = f.tensor(backend, DType.FLOAT32, "x")) {
            double[] train = dropout.forward(input, true).toDoubleArray();
            assertInverted(f, "training output (mode " + mode + ")", x, train, rate);
            f.assertClose("y_eval", dropout.forward(input, false));
        }
    }

    private static void assertInverted(Fixture f, String what, double[] x, double[] y, double rate) {
        double scale = 1 / (1 - rate);
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] == 0 && x[i] != 0) {
                continue;
            }
            kept++;
            f.tolerance().assertClose(x[i] * scale, y[i], f + " " + what + "[" + i + "], kept and scaled by 1/(1-rate)");
        }
        // Binomial(n, 1 - rate): five standard deviations either way.
        double expected = x.length * (1 - rate);
        double spread = 5 * Math.sqrt(x.length * rate * (1 - rate));
        assertTrue(Math.abs(kept - expected) <= spread,
                f + " " + what + ": kept " + kept + " of " + x.length + ", expected about " + expected);
        assertEquals(x.length, y.length);
    }
}
