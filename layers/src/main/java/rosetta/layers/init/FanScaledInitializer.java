package rosetta.layers.init;

import rosetta.tensor.random.RngStream;

/**
 * A family whose scale follows from the parameter's fans (Glorot, LeCun, He and the frameworks' own
 * variants): each subclass states its fan convention in {@link #scale}, this class draws.
 */
public abstract class FanScaledInitializer implements Initializer {
    private final Distribution law;

    protected FanScaledInitializer(Distribution law) {
        this.law = law;
    }

    public Distribution law() {
        return law;
    }

    /** The uniform bound or normal standard deviation for a tensor with these fans. */
    public abstract double scale(Fans fans);

    @Override
    public void fill(double[] values, Fans fans, RngStream rng) {
        law.fill(values, scale(fans), rng);
    }

    @Override
    public String toString() {
        return spec();
    }
}
