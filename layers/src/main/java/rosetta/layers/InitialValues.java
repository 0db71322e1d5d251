package rosetta.layers;

import rosetta.layers.init.Fans;
import rosetta.layers.init.Initializer;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/** Initial parameter values: drawn on the host in double, then copied into a tensor of the layer's type. */
final class InitialValues {
    private InitialValues() {
    }

    /** Writes {@code fans.size()} values of {@code init} into {@code values} from {@code offset} on. */
    static void fill(double[] values, int offset, Initializer init, Fans fans, RngStream rng) {
        double[] block = new double[fans.size()];
        init.fill(block, fans, rng);
        System.arraycopy(block, 0, values, offset, block.length);
    }

    /** A new tensor of {@code shape} holding {@code values} (rounded to float for FLOAT32). */
    static Tensor upload(Backend backend, DType dtype, Shape shape, double[] values) {
        Tensor t = backend.allocate(dtype, shape);
        t.copyFrom(values);
        return t;
    }
}
