package rosetta.layers.init;

import rosetta.tensor.random.RngStream;

/**
 * U(-a, a) whatever the fans: MXNet Module's default {@code Uniform(0.01)}, Gluon's {@code Uniform()}
 * = U(±0.07) (python/mxnet/initializer.py @1.1.0), Keras's embedding {@code uniform} = U(±0.05).
 */
public final class Uniform implements Initializer {
    private final double bound;

    public Uniform(double bound) {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("uniform(a) needs a positive, finite bound a, got " + bound);
        }
        this.bound = bound;
    }

    public double bound() {
        return bound;
    }

    @Override
    public void fill(double[] values, Fans fans, RngStream rng) {
        Distribution.UNIFORM.fill(values, bound, rng);
    }

    @Override
    public String spec() {
        return "uniform(" + Initializers.format(bound) + ")";
    }

    @Override
    public String toString() {
        return spec();
    }
}
