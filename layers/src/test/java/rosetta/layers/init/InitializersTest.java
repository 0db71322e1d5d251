package rosetta.layers.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.random.RngStream;

/**
 * Each initialiser's bound or standard deviation against its formula, on the 3x3 64->128 convolution of
 * the reference tables and on the benchmark's 6400->512 dense layer.
 */
class InitializersTest {
    /** 3x3 conv 64->128: fan_in = 64·9, fan_out = 128·9; weight [128, 576]. */
    static final Fans CONV = new Fans(576, 1152, 128, 576);
    /** Dense 6400->512, weight [512, 6400]. */
    static final Fans DENSE = new Fans(6400, 512, 512, 6400);

    static Stream<Arguments> uniformBounds() {
        return Stream.of(CONV, DENSE).flatMap(f -> Stream.of(
                Arguments.of("glorot-uniform", f, Math.sqrt(6.0 / (f.fanIn() + f.fanOut()))),
                Arguments.of("lecun-uniform", f, Math.sqrt(3.0 / f.fanIn())),
                Arguments.of("he-uniform", f, Math.sqrt(6.0 / f.fanIn())),
                Arguments.of("caffe2-xavier", f, Math.sqrt(3.0 / f.fanIn())),
                Arguments.of("pytorch-default", f, 1 / Math.sqrt(f.fanIn())),
                Arguments.of("mxnet-xavier(uniform,avg,3)", f, Math.sqrt(3 / ((f.fanIn() + f.fanOut()) / 2.0))),
                Arguments.of("mxnet-xavier(uniform,out,2)", f, Math.sqrt(2.0 / f.fanOut())),
                Arguments.of("uniform(0.07)", f, 0.07)));
    }

    @ParameterizedTest
    @MethodSource("uniformBounds")
    void uniformLawsReachTheirBoundAndNoFurther(String spec, Fans fans, double bound) {
        double[] w = draw(spec, fans, 1);
        double max = Arrays.stream(w).map(Math::abs).max().orElseThrow();
        assertTrue(max <= bound * (1 + 1e-12), spec + ": max |w| " + max + " > bound " + bound);
        // with >= 73,728 draws, P(max < 0.999 bound) = 0.999^73728 ~ e^-73
        assertTrue(max >= 0.999 * bound, spec + ": max |w| " + max + " far below bound " + bound);
        assertEquals(bound / Math.sqrt(3), std(w), 0.01 * bound, spec + " standard deviation");
    }

    static Stream<Arguments> normalStds() {
        return Stream.of(CONV, DENSE).flatMap(f -> Stream.of(
                Arguments.of("glorot-normal", f, Math.sqrt(2.0 / (f.fanIn() + f.fanOut()))),
                Arguments.of("lecun-normal", f, Math.sqrt(1.0 / f.fanIn())),
                Arguments.of("he-normal", f, Math.sqrt(2.0 / f.fanIn())),
                Arguments.of("mxnet-xavier(gaussian,in,2)", f, Math.sqrt(2.0 / f.fanIn())),
                Arguments.of("mxnet-xavier(gaussian,avg,2.24)", f, Math.sqrt(2.24 / ((f.fanIn() + f.fanOut()) / 2.0))),
                Arguments.of("normal(0.05)", f, 0.05)));
    }

    @ParameterizedTest
    @MethodSource("normalStds")
    void normalLawsHaveTheirStandardDeviation(String spec, Fans fans, double expected) {
        double[] w = draw(spec, fans, 2);
        // the sample std of n normal draws has a relative error of about 1/sqrt(2n) <= 0.3% here
        assertEquals(expected, std(w), 0.02 * expected, spec + " standard deviation");
        assertEquals(0, mean(w), 5 * expected / Math.sqrt(w.length), spec + " mean");
        // a normal law, unlike a uniform one, has tails past sqrt(3) std
        assertTrue(Arrays.stream(w).anyMatch(v -> Math.abs(v) > 2.5 * expected), spec + " has no tails");
    }

    /** The reference tables' worked example: 3x3 conv 64->128 gives PT b=0.0417, Caffe2 s=0.0722, Glorot l=0.0589. */
    @Test
    void referenceTableNumbersForTheConvExample() {
        assertEquals(0.0417, ((FanScaledInitializer) Initializers.parse("pytorch-default")).scale(CONV), 5e-5);
        assertEquals(0.0722, ((FanScaledInitializer) Initializers.parse("caffe2-xavier")).scale(CONV), 5e-5);
        assertEquals(0.0589, ((FanScaledInitializer) Initializers.parse("glorot-uniform")).scale(CONV), 5e-5);
    }

    @Test
    void constantsFillEveryElement() {
        assertTrue(Arrays.stream(draw("zeros", CONV, 3)).allMatch(v -> v == 0));
        assertTrue(Arrays.stream(draw("constant(0.25)", CONV, 3)).allMatch(v -> v == 0.25));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64})
    void orthogonalSquareMatricesAreOrthogonalBothWays(int n) {
        double[] w = draw("orthogonal", new Fans(n, n, n, n), 4);
        assertIdentity(gram(w, n, n, true), 1, "W Wᵀ");
        assertIdentity(gram(w, n, n, false), 1, "Wᵀ W");
    }

    @Test
    void orthogonalWideMatrixHasOrthonormalRows() {
        // a GRU's stacked recurrent matrix viewed [100, 300]
        double[] w = draw("orthogonal", new Fans(300, 100, 100, 300), 5);
        assertIdentity(gram(w, 100, 300, true), 1, "W Wᵀ");
    }

    @Test
    void orthogonalTallMatrixHasOrthonormalColumnsTimesGain() {
        double[] w = draw("orthogonal(2)", new Fans(30, 120, 120, 30), 6);
        assertIdentity(gram(w, 120, 30, false), 4, "Wᵀ W");
    }

    @Test
    void sameSeedSameNumbersOtherStreamOtherNumbers() {
        for (String spec : new String[] {"glorot-normal", "he-uniform", "orthogonal", "mxnet-xavier(uniform,in,3)"}) {
            Fans small = new Fans(12, 8, 8, 12);
            assertArrayEquals(draw(spec, small, 9), draw(spec, small, 9), spec);
            assertFalse(Arrays.equals(draw(spec, small, 9), draw(spec, small, 10)), spec);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeros", "constant(-0.5)", "uniform(0.07)", "normal(0.01)", "glorot-uniform",
            "glorot-normal", "lecun-uniform", "lecun-normal", "he-uniform", "he-normal", "caffe2-xavier",
            "pytorch-default", "mxnet-xavier(uniform,avg,3)", "mxnet-xavier(gaussian,in,2)",
            "mxnet-xavier(uniform,out,2.24)", "orthogonal", "orthogonal(1.5)"})
    void canonicalSpecsRoundTrip(String spec) {
        assertEquals(spec, Initializers.parse(spec).spec());
    }

    @Test
    void equivalentSpellingsGiveTheCanonicalSpec() {
        assertEquals("uniform(0.07)", Initializers.parse(" uniform( 0.070 ) ").spec());
        assertEquals("zeros", Initializers.parse("constant(0)").spec());
        assertEquals("orthogonal", Initializers.parse("orthogonal(1.0)").spec());
        assertEquals("mxnet-xavier(gaussian,in,2)", Initializers.parse("mxnet-xavier(gaussian, in, 2.0)").spec());
        assertEquals("constant(0.0000001)", Initializers.parse("constant(1e-7)").spec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xavier", "glorot_uniform", "uniform", "zeros(1)", "mxnet-xavier(uniform,avg)",
            "he-normal(2)", "uniform(0.07", ""})
    void unknownSpecsListEveryValidForm(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.parse(spec));
        assertTrue(e.getMessage().startsWith("unknown initialiser '" + spec + "'"), e.getMessage());
        for (String form : Initializers.FORMS) {
            assertTrue(e.getMessage().contains(form), "message lacks " + form + ": " + e.getMessage());
        }
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertMessage("uniform(-1)", "initialiser 'uniform(-1)': uniform(a) needs a positive, finite bound a, got -1.0");
        assertMessage("normal(x)", "initialiser 'normal(x)': 'x' is not a number");
        assertMessage("mxnet-xavier(normal,avg,3)",
                "initialiser 'mxnet-xavier(normal,avg,3)': rnd_type must be uniform or gaussian, got 'normal'");
        assertMessage("mxnet-xavier(uniform,mean,3)",
                "initialiser 'mxnet-xavier(uniform,mean,3)': factor_type must be in, out or avg, got 'mean'");
        assertMessage("orthogonal(0)", "initialiser 'orthogonal(0)': orthogonal(gain) needs a positive, finite gain, got 0.0");
    }

    @Test
    void createCopiesTheHostValuesInTheTensorsType() {
        try (CpuBackend cpu = new CpuBackend();
             Tensor t = Initializers.parse("lecun-normal").create(cpu, DType.FLOAT32, Shape.of(8, 12),
                     new Fans(12, 8, 8, 12), RngStream.seeded(11))) {
            double[] host = draw("lecun-normal", new Fans(12, 8, 8, 12), 11);
            float[] device = t.toFloatArray();
            for (int i = 0; i < host.length; i++) {
                assertEquals((float) host[i], device[i], "element " + i);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers
                    .parse("zeros").create(cpu, DType.FLOAT32, Shape.of(3, 3), new Fans(2, 2, 2, 2), RngStream.seeded(1)));
            assertEquals("fans Fans[fanIn=2, fanOut=2, rows=2, cols=2] describe 4 elements, but [3, 3] has 9",
                    e.getMessage());
        }
    }

    private static void assertMessage(String spec, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Initializers.parse(spec)).getMessage());
    }

    private static double[] draw(String spec, Fans fans, long seed) {
        double[] w = new double[fans.size()];
        Initializers.parse(spec).fill(w, fans, RngStream.seeded(seed));
        return w;
    }

    private static double mean(double[] w) {
        return Arrays.stream(w).average().orElseThrow();
    }

    private static double std(double[] w) {
        double m = mean(w);
        return Math.sqrt(Arrays.stream(w).map(v -> (v - m) * (v - m)).sum() / (w.length - 1));
    }

    /** W Wᵀ (rows x rows) when {@code rowsGram}, else Wᵀ W (cols x cols), for row-major W. */
    private static double[] gram(double[] w, int rows, int cols, boolean rowsGram) {
        int n = rowsGram ? rows : cols;
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int k = 0; k < (rowsGram ? cols : rows); k++) {
                    acc += rowsGram ? w[i * cols + k] * w[j * cols + k] : w[k * cols + i] * w[k * cols + j];
                }
                g[i * n + j] = acc;
            }
        }
        return g;
    }

    private static void assertIdentity(double[] g, double diagonal, String what) {
        int n = (int) Math.round(Math.sqrt(g.length));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? diagonal : 0, g[i * n + j], 1e-10, what + "[" + i + "," + j + "]");
            }
        }
    }
}
