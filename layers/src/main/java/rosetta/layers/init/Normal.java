package rosetta.layers.init;

import rosetta.tensor.random.RngStream;

/**
 * N(0, s²) whatever the fans: PyTorch's embedding N(0, 1) (torch/nn/modules/sparse.py @v0.4.0),
 * Lasagne's {@code Normal()} N(0, 0.01²) and its GRU gates' N(0, 0.1²) (lasagne/init.py).
 */
public final class Normal implements Initializer {
    private final double std;

    public Normal(double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("normal(s) needs a positive, finite standard deviation s, got " + std);
        }
        this.std = std;
    }

    public double std() {
        return std;
    }

    @Override
    public void fill(double[] values, Fans fans, RngStream rng) {
        Distribution.NORMAL.fill(values, std, rng);
    }

    @Override
    public String spec() {
        return "normal(" + Initializers.format(std) + ")";
    }

    @Override
    public String toString() {
        return spec();
    }
}
