package rosetta.tensor.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** |actual - expected| <= atol + rtol |expected|, element by element, naming the first offender. */
public record Tolerance(double atol, double rtol) {

    public static Tolerance of(double atol, double rtol) {
        return new Tolerance(atol, rtol);
    }

    public void assertClose(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    public void assertClose(float[] expected, float[] actual, String what) {
        assertClose(widen(expected), widen(actual), what);
    }

    public void assertClose(double expected, double actual, String what) {
        double allowed = atol + rtol * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(what + ": got " + actual + ", expected " + expected + " (allowed error " + allowed + ")");
        }
    }

    public static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
