package rosetta.layers;

import rosetta.layers.init.Initializer;

/** An embedding table of {@code vocabulary} rows of {@code dimension} values, filled by {@code init}. */
public record EmbeddingConfig(String name, int vocabulary, int dimension, Initializer init) {

    public EmbeddingConfig {
        if (vocabulary <= 0 || dimension <= 0) {
            throw new IllegalArgumentException("embedding " + name + " needs a positive vocabulary and dimension, got "
                    + vocabulary + " x " + dimension);
        }
        if (init == null) {
            throw new IllegalArgumentException("embedding " + name + " needs an initialiser for its table");
        }
    }
}
