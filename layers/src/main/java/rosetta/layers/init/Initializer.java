package rosetta.layers.init;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/** Fills a parameter's initial values on the host; the layer copies them to its backend. */
public interface Initializer {
    /** Writes {@code fans.size()} values. */
    void fill(double[] values, Fans fans, RngStream rng);

    /** The spec string this initialiser parses from, e.g. {@code glorot-uniform} or {@code uniform(0.07)}. */
    String spec();

    /**
     * A new tensor of {@code shape} on {@code backend}, filled on the host (in double, whatever
     * {@code dtype}) and copied over once, so every backend starts from the same numbers.
     */
    default Tensor create(Backend backend, DType dtype, Shape shape, Fans fans, RngStream rng) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("parameters are floating tensors, not " + dtype);
        }
        if (shape.size() != fans.size()) {
            throw new IllegalArgumentException("fans " + fans + " describe " + fans.size() + " elements, but "
                    + shape + " has " + shape.size());
        }
        double[] values = new double[fans.size()];
        fill(values, fans, rng);
        Tensor t = backend.allocate(dtype, shape);
        t.copyFrom(values);
        return t;
    }
}
