package rosetta.models.spec;

import java.util.Set;
import rosetta.layers.Sequential;
import rosetta.models.dialect.Knob;

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

    /** The knobs that decide this model's layers and training; the others cannot change its results. */
    Set<Knob> knobs();

    /** Builds the layers; the caller owns (and closes) the result. */
    Sequential build(BuildContext context);
}
