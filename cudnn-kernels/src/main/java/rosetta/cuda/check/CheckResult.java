package rosetta.cuda.check;

/** One op check: whether every compared element was within tolerance, the largest error, and what was compared. */
public record CheckResult(String name, boolean passed, double maxError, String detail) {

    /** One line: {@code PASS conv/forward max error 1.2e-05 (...)}. */
    public String line() {
        return (passed ? "PASS " : "FAIL ") + name + String.format(" max error %.3g", maxError)
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
