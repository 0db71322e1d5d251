package rosetta.layers.init;

import java.util.Arrays;
import rosetta.tensor.random.RngStream;

/**
 * Every element the same value; {@code zeros} is the bias default of TensorFlow, Keras, Caffe2
 * ({@code ConstantFill}), MXNet, CNTK, Chainer and Lasagne. Draws nothing from the stream.
 */
public final class Constant implements Initializer {
    private final double value;

    public Constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("constant initialiser needs a finite value, got " + value);
        }
        this.value = value;
    }

    public static Constant zeros() {
        return new Constant(0);
    }

    public double value() {
        return value;
    }

    @Override
    public void fill(double[] values, Fans fans, RngStream rng) {
        Arrays.fill(values, value);
    }

    @Override
    public String spec() {
        return value == 0 ? "zeros" : "constant(" + Initializers.format(value) + ")";
    }

    @Override
    public String toString() {
        return spec();
    }
}
