package rosetta.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
import rosetta.models.dialect.Knob;
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
    static final List<Binding> BINDINGS = List.of(
            Binding.of("pytorch", "vgg", "pytorch/init-conv-weight"),
            Binding.of("pytorch", "vgg", "pytorch/init-dense-weight"),
            Binding.of("pytorch", "gru", "pytorch/init-gru-weight-hh"),
            Binding.of("pytorch", "gru", "pytorch/init-embedding"),
            Binding.of("tensorflow", "vgg", "tensorflow/init-conv-weight"),
            Binding.of("tensorflow", "vgg", "tensorflow/init-dense-weight"),
            Binding.of("tensorflow", "gru-naive", "tensorflow/init-gru-gate-bias"),
            Binding.of("tensorflow", "gru-naive", "tensorflow/init-gru-candidate-bias"),
            Binding.of("tensorflow", "gru-naive", "tensorflow/init-gru-weight-ih-candidate"),
            Binding.of("pytorch", "vgg", "pytorch/init-conv-bias"),
            Binding.of("tensorflow", "vgg", "tensorflow/init-conv-bias"),
            Binding.of("caffe2", "vgg", "caffe2/init-conv-weight"),
            Binding.of("keras-tf", "vgg", "keras/init-conv-weight"),
            Binding.of("keras-cntk", "vgg", "keras/init-conv-weight"),
            Binding.of("keras-theano", "vgg", "keras/init-conv-weight"),
            Binding.of("keras-tf", "gru", "keras/init-embedding"),
            Binding.of("keras-cntk", "gru", "keras/init-embedding"),
            Binding.of("keras-cntk", "gru", "keras/init-gru-weight-hh"),
            Binding.of("keras-tf", "gru", "keras/init-gru-weight-hh"),
            Binding.of("keras-tf", "gru-naive", "keras/init-gru-weight-hh"),
            Binding.of("keras-cntk", "gru", "keras/init-gru-weight-ih"),
            Binding.of("mxnet", "vgg", "mxnet/init-conv-weight-xavier"),
            Binding.of("mxnet", "vgg-naive", "mxnet/init-conv-weight-module-default"),
            Binding.of("gluon", "vgg", "gluon/init-conv-weight-xavier-2.24"),
            Binding.of("gluon", "vgg-naive", "gluon/init-conv-weight-default"),
            Binding.of("cntk", "vgg", "cntk/init-conv-weight"),
            Binding.of("chainer", "vgg", "chainer/init-conv-weight"),
            Binding.of("chainer", "gru", "chainer/init-embedding"),
            Binding.of("chainer", "gru-naive", "chainer/init-embedding"),
            Binding.of("lasagne", "vgg", "lasagne/init-conv-weight"),
            Binding.of("lasagne", "gru-naive", "lasagne/init-gru-weight-ih"));

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("init");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), Initializers.parse(specOf(f)), GruConfig.FanConvention.WHOLE_MATRIX);
    }

    static Stream<Arguments> bindings() {
        return Binding.cases("init", BINDINGS);
    }

    /** The dialect's initialiser for the fixture's parameter, drawn by the layer with the dialect's fan convention. */
    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("bindings")
    void dialectReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        Knob knob = switch (f.string("parameter")) {
            case "conv.weight" -> b.pick(Knob.CONV_WEIGHT_INIT, Knob.NAIVE_CONV_WEIGHT_INIT);
            case "conv.bias" -> b.pick(Knob.CONV_BIAS_INIT, Knob.NAIVE_CONV_BIAS_INIT);
            case "dense.weight" -> b.pick(Knob.DENSE_WEIGHT_INIT, Knob.NAIVE_DENSE_WEIGHT_INIT);
            case "embedding" -> b.pick(Knob.EMBEDDING_INIT, Knob.NAIVE_EMBEDDING_INIT);
            case "gru.input-weight" -> b.pick(Knob.GRU_INPUT_WEIGHT_INIT, Knob.NAIVE_GRU_INPUT_WEIGHT_INIT);
            case "gru.recurrent-weight" -> b.pick(Knob.GRU_RECURRENT_WEIGHT_INIT, Knob.NAIVE_GRU_RECURRENT_WEIGHT_INIT);
            case "gru.gate-bias" -> b.pick(Knob.GRU_GATE_BIAS_INIT, Knob.NAIVE_GRU_GATE_BIAS_INIT);
            case "gru.candidate-bias" -> b.pick(Knob.GRU_CANDIDATE_BIAS_INIT, Knob.NAIVE_GRU_CANDIDATE_BIAS_INIT);
            default -> throw new IllegalArgumentException(f + ": unknown parameter " + f.string("parameter"));
        };
        check(f, ReferenceCases.backend(provider), Initializers.parse(b.load().value(knob)),
                b.constant(GruConfig.FanConvention.class, b.pick(Knob.GRU_FAN_CONVENTION, Knob.NAIVE_GRU_FAN_CONVENTION)));
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
                // The largest of n uniform draws falls short of the bound by bound/(n+1) on average; ten
                // times that fails with probability about e^-10.
                double bound = f.number("bound");
                double max = maxAbs(w);
                assertTrue(max <= bound * (1 + 1e-6) && max >= bound * (1 - 10.0 / w.length),
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

    /**
     * The named parameter as a layer of the fixture's shape initialises it: the whole parameter, or the
     * fixture's {@code rows} of a packed GRU one.
     */
    private static double[] draw(Fixture f, Backend backend, Initializer init, GruConfig.FanConvention fans) {
        int[] s = f.integers("shape");
        Initializer zeros = Initializers.parse("zeros");
        RngStream rng = RngStream.seeded(20180619);
        String parameter = f.string("parameter");
        try (Layer layer = switch (parameter) {
            case "conv.weight" -> new Conv2d(backend, DType.FLOAT32, new ConvConfig("conv", s[1], s[0], s[2], s[3], 1,
                    Padding.none(), false, false, Layout.NCHW, init, zeros, AlgorithmPolicy.defaults()), rng);
            // A bias of a 3x3 layer whose fan_in the fixture gives (PyTorch draws it with the weight's fan_in).
            case "conv.bias" -> new Conv2d(backend, DType.FLOAT32, new ConvConfig("conv", f.integer("fan_in") / 9, s[0],
                    3, 3, 1, Padding.none(), true, false, Layout.NCHW, zeros, init, AlgorithmPolicy.defaults()), rng);
            case "dense.weight" -> new Dense(backend, DType.FLOAT32, new DenseConfig("dense", s[1], s[0], false, init,
                    zeros), rng);
            case "embedding" -> new Embedding(backend, DType.FLOAT32, new EmbeddingConfig("embedding", s[0], s[1], init),
                    rng);
            case "gru.input-weight", "gru.recurrent-weight", "gru.gate-bias", "gru.candidate-bias" ->
                    gru(backend, parameter, init, fans, rng);
            default -> throw new IllegalArgumentException(f + ": unknown parameter " + parameter);
        }) {
            int index = switch (parameter) {
                case "conv.bias", "gru.recurrent-weight" -> 1;
                case "gru.gate-bias", "gru.candidate-bias" -> 2;
                default -> 0;
            };
            double[] values = layer.parameters().get(index).value().toDoubleArray();
            int n = (int) Shape.of(s).size();
            int from = 0;
            if (f.has("rows")) {
                int[] rows = f.integers("rows");
                from = rows[0] * (n / (rows[1] - rows[0]));
            }
            double[] out = new double[n];
            System.arraycopy(values, from, out, 0, n);
            return out;
        }
    }

    /**
     * A GRU of the benchmark's size (I = 125, H = 100) drawing only the parameter under test with
     * {@code init}, under the fan convention given.
     */
    private static Gru gru(Backend backend, String parameter, Initializer init, GruConfig.FanConvention fans,
            RngStream rng) {
        int hidden = 100;
        int input = 125;
        Initializer zeros = Initializers.parse("zeros");
        GruSpec spec = new GruSpec(input, hidden, GruSpec.ResetGate.AFTER_MATMUL, false, GruSpec.UpdateWeights.OLD_STATE,
                GruSpec.GateActivation.SIGMOID, GruSpec.GateOrder.RZN);
        return new Gru(backend, DType.FLOAT32, new GruConfig("gru", input, hidden, spec, false, false,
                parameter.equals("gru.input-weight") ? init : zeros,
                parameter.equals("gru.recurrent-weight") ? init : zeros,
                parameter.equals("gru.gate-bias") ? init : zeros,
                parameter.equals("gru.candidate-bias") ? init : zeros, fans), rng);
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
