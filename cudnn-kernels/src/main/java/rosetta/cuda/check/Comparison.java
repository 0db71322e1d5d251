package rosetta.cuda.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares CUDA results with the CPU reference element by element: |actual - expected| <= atol +
 * rtol |expected| (the same rule as the tests' Tolerance), keeping the largest error and the first
 * element that fails, so a check reports in one line.
 */
final class Comparison {
    private final String name;
    private final List<String> notes = new ArrayList<>();
    private double maxError;
    private String failure;

    Comparison(String name) {
        this.name = name;
    }

    Comparison close(String what, float[] expected, float[] actual, double atol, double rtol) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " elements, expected " + expected.length);
            return this;
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(actual[i]) != Double.isNaN(expected[i])) {
                error = Double.POSITIVE_INFINITY;
            } else if (Double.isNaN(actual[i])) {
                error = 0;
            }
            maxError = Math.max(maxError, error);
            if (!(error <= atol + rtol * Math.abs(expected[i]))) {
                fail(what + "[" + i + "] = " + actual[i] + ", expected " + expected[i] + " (atol " + atol + ", rtol "
                        + rtol + ")");
            }
        }
        return this;
    }

    Comparison close(String what, double expected, double actual, double atol, double rtol) {
        return close(what, new float[] {(float) expected}, new float[] {(float) actual}, atol, rtol);
    }

    Comparison same(String what, int[] expected, int[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                fail(what + "[" + i + "] = " + actual[i] + ", expected " + expected[i]);
                break;
            }
        }
        return this;
    }

    Comparison note(String text) {
        notes.add(text);
        return this;
    }

    void fail(String message) {
        if (failure == null) {
            failure = message;
        }
    }

    CheckResult result() {
        String detail = failure != null ? failure : String.join("; ", notes);
        return new CheckResult(name, failure == null, maxError, detail);
    }
}
