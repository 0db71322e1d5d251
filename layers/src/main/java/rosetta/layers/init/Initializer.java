package rosetta.layers.init;

import rosetta.tensor.random.RngStream;

/** Fills a parameter's initial values on the host; the layer copies them to its backend. */
public interface Initializer {
    /** Writes {@code fans.size()} values. */
    void fill(double[] values, Fans fans, RngStream rng);

    /** The spec string this initialiser parses from, e.g. {@code glorot-uniform} or {@code uniform(0.07)}. */
    String spec();
}
