package rosetta.datasets.batching;

/**
 * The examples of one batch, by index into the data set. The last {@code padding} indices repeat
 * examples to fill the batch ({@link LastBatch#PAD}); they are trained on, as MXNet does, and an
 * evaluation counts only the others.
 */
public record Batch(int[] indices, int padding) {
    public Batch {
        if (padding < 0 || padding >= Math.max(1, indices.length)) {
            throw new IllegalArgumentException("padding " + padding + " for a batch of " + indices.length);
        }
    }

    public int size() {
        return indices.length;
    }

    /** Examples that are not padding. */
    public int real() {
        return indices.length - padding;
    }
}
