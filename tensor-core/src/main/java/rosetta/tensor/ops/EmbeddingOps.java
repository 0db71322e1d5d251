package rosetta.tensor.ops;

import rosetta.tensor.Tensor;

/**
 * A lookup table: row {@code ids[n, t]} of {@code table [V, E]} becomes {@code out[n, t, :]}. An id
 * outside [0, V) is an {@link IllegalArgumentException} that names it.
 */
public interface EmbeddingOps {
    /** out [N, T, E] = table[ids [N, T] (INT32)]. */
    void forward(Tensor ids, Tensor table, Tensor out);

    /** dTable = zeros, then dOut [N, T, E] added into the row of each id (a repeated id sums its rows). */
    void backward(Tensor ids, Tensor dOut, Tensor dTable);
}
