package rosetta.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.Conv2d;
import rosetta.layers.ConvConfig;
import rosetta.layers.Dense;
import rosetta.layers.DenseConfig;
import rosetta.layers.Embedding;
import rosetta.layers.EmbeddingConfig;
import rosetta.layers.Gru;
import rosetta.layers.GruConfig;
import rosetta.layers.Layer;
import rosetta.layers.init.Initializer;
import rosetta.layers.init.Initializers;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.random.RngStream;

/**
 * Initialiser statistics: the parameter a layer draws (its fans computed by the layer, as in training)
 * has the framework's law: within the bound and reaching it, the standard deviation within the fixture's
 * relative tolerance, a constant everywhere, or orthonormal columns.
 */
class InitFixturesTest {

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("init");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), Initializers.parse(specOf(f)), GruConfig.FanConvention.WHOLE_MATRIX);
    }

    /** The engine's spelling of the fixture's law, for running the fixture without a dialect. */
    static String specOf(Fixture f) {
        return switch (f.string("distribution")) {
            case "uniform" -> "uniform(" + f.number("bound") + ")";
            case "normal" -> "normal(" + f.number("std") + ")";
            case "constant" -> "constant(" + f.number("value") + ")";
            case "orthogonal" -> "orthogonal(" + f.number("gain") + ")";
            default -> throw new IllegalArgumentException(f + ": unknown distribution " + f.string("distribution"));
        };
    }

    /** Draws the fixture's parameter with {@code init} (a dialect's, or the fixture's law) and checks its statistics. */
    static void check(Fixture f, Backend backend, Initializer init, GruConfig.FanConvention fans) {
        double[] w = draw(f, backend, init, fans);
        switch (f.string("distribution")) {
            case "uniform" -> {
                double bound = f.number("bound");
                double max = maxAbs(w);
                assertTrue(max <= bound * (1 + 1e-6) && max >= bound * 0.98,
                        f + ": max |w| " + max + " with " + init.spec() + ", the law's bound " + bound);
                f.tolerance().assertClose(f.number("std"), std(w), f + " standard deviation with " + init.spec());
            }
            case "normal" -> f.tolerance().assertClose(f.number("std"), std(w), f + " standard deviation with "
                    + init.spec());
            case "constant" -> {
                for (double v : w) {
                    assertEquals(f.number("value"), v, 0, f + " with " + init.spec());
                }
            }
            default -> assertOrthogonalColumns(f, w, f.integers("shape"), f.number("gain"), init);
        }
    }

    /** The named parameter as a layer of the fixture's shape initialises it. */
    private static double[] draw(Fixture f, Backend backend, Initializer init, GruConfig.FanConvention fans) {
        int[] s = f.integers("shape");
        Initializer zeros = Initializers.parse("zeros");
        RngStream rng = RngStream.seeded(20180619);
        String parameter = f.string("parameter");
        try (Layer layer = switch (parameter) {
            case "conv.weight" -> new Conv2d(backend, DType.FLOAT32, new ConvConfig("conv", s[1], s[0], s[2], s[3], 1,
                    Padding.none(), false, false, Layout.NCHW, init, zeros, AlgorithmPolicy.defaults()), rng);
            case "dense.weight" -> new Dense(backend, DType.FLOAT32, new DenseConfig("dense", s[1], s[0], false, init,
                    zeros), rng);
            case "embedding" -> new Embedding(backend, DType.FLOAT32, new EmbeddingConfig("embedding", s[0], s[1], init),
                    rng);
            case "gru.input-weight", "gru.recurrent-weight", "gru.gate-bias" -> gru(backend, parameter, s, init, fans, rng);
            default -> throw new IllegalArgumentException(f + ": unknown parameter " + parameter);
        }) {
            double[] values = layer.parameters().get(parameter.equals("gru.recurrent-weight") ? 1
                    : parameter.equals("gru.gate-bias") ? 2 : 0).value().toDoubleArray();
            int n = (int) Shape.of(s).size();
            double[] out = new double[n];
            System.arraycopy(values, 0, out, 0, n);
            return out;
        }
    }

    /** A GRU with H = 100 and I = 125 (the benchmark's), drawing only the parameter under test with {@code init}. */
    private static Gru gru(Backend backend, String parameter, int[] s, Initializer init, GruConfig.FanConvention fans,
            RngStream rng) {
        int hidden = 100;
        int input = parameter.equals("gru.input-weight") ? s[1] : 125;
        Initializer zeros = Initializers.parse("zeros");
        GruSpec spec = new GruSpec(input, hidden, GruSpec.ResetGate.AFTER_MATMUL, false, GruSpec.UpdateWeights.OLD_STATE,
                GruSpec.GateActivation.SIGMOID, GruSpec.GateOrder.RZN);
        return new Gru(backend, DType.FLOAT32, new GruConfig("gru", input, hidden, spec, false, false,
                parameter.equals("gru.input-weight") ? init : zeros,
                parameter.equals("gru.recurrent-weight") ? init : zeros,
                parameter.equals("gru.gate-bias") ? init : zeros, zeros, fans), rng);
    }

    private static void assertOrthogonalColumns(Fixture f, double[] w, int[] s, double gain, Initializer init) {
        int rows = s[0];
        int cols = s[1];
        for (int a = 0; a < cols; a++) {
            for (int b = a; b < cols; b++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += w[r * cols + a] * w[r * cols + b];
                }
                f.tolerance().assertClose(a == b ? gain * gain : 0, dot,
                        f + " column " + a + " . column " + b + " with " + init.spec());
            }
        }
    }

    private static double maxAbs(double[] w) {
        double m = 0;
        for (double v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double std(double[] w) {
        double mean = 0;
        for (double v : w) {
            mean += v;
        }
        mean /= w.length;
        double var = 0;
        for (double v : w) {
            var += (v - mean) * (v - mean);
        }
        return Math.sqrt(var / w.length);
    }
}
