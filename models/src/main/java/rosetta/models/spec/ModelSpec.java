package rosetta.models.spec;

import rosetta.layers.Sequential;

/**
 * A model of the benchmark. The spec says what is fixed (layer sizes); the dialect decides everything
 * the spec leaves open (initialisers, ordering, dropout handling, ...).
 */
public interface ModelSpec {
    /** Name on the command line: {@code vgg}, {@code vgg-naive}, {@code gru}, {@code gru-naive}. */
    String name();

    /** One line for listings. */
    String description();

    Task task();

    Hyperparameters defaults();

    /** Builds the layers; the caller owns (and closes) the result. */
    Sequential build(BuildContext context);
}
