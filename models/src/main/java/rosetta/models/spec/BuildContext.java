package rosetta.models.spec;

import rosetta.models.dialect.Dialect;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.random.RngStream;

/** What a model spec needs to build its layers: where they run, in which dialect, from which seed. */
public record BuildContext(Backend backend, DType dtype, Dialect dialect, RngStream rng) {
}
