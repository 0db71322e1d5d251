package rosetta.layers;

import rosetta.layers.init.Initializer;

/** Everything a {@link Dense} layer needs, fixed at construction; {@code biasInit} is ignored without a bias. */
public record DenseConfig(String name, int inFeatures, int outFeatures, boolean bias, Initializer weightInit,
        Initializer biasInit) {

    public DenseConfig {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException(name + ": feature counts must be positive, got " + inFeatures + "->"
                    + outFeatures);
        }
        if (weightInit == null || (bias && biasInit == null)) {
            throw new IllegalArgumentException(name + ": the weight initialiser and (with a bias) the bias"
                    + " initialiser must be given");
        }
    }
}
