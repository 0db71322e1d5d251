package rosetta.layers.init;

import rosetta.tensor.random.RngStream;

/** The two laws initialisers draw from, each with zero mean and one scale parameter. */
public enum Distribution {
    /** U(-scale, scale). */
    UNIFORM("uniform"),
    /** N(0, scale²). */
    NORMAL("normal");

    private final String label;

    Distribution(String label) {
        this.label = label;
    }

    /** The word used in spec strings, e.g. the {@code uniform} of {@code glorot-uniform}. */
    public String label() {
        return label;
    }

    /**
     * The scale that gives {@code variance}: a bound of √(3·variance) for the uniform law (U(-b, b) has
     * variance b²/3), a standard deviation of √variance for the normal one.
     */
    public double scaleForVariance(double variance) {
        return this == UNIFORM ? Math.sqrt(3 * variance) : Math.sqrt(variance);
    }

    /** Fills {@code values} with independent draws, taken from the stream in element order. */
    public void fill(double[] values, double scale, RngStream rng) {
        for (int i = 0; i < values.length; i++) {
            values[i] = this == UNIFORM ? (2 * rng.nextDouble() - 1) * scale : scale * rng.nextGaussian();
        }
    }
}
