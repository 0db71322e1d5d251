package rosetta.datasets;

import java.util.Objects;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;

/** Fixed-length token-id sequences ([maxLen] each, INT32), as the encoded IMDB reviews. */
public final class SequenceDataset extends InMemoryDataset {
    private final int[] tokens;

    /** Takes ownership of {@code tokens} (sequence {@code i} at {@code i * maxLen}) and {@code labels}. */
    public SequenceDataset(String name, int maxLen, int classes, int[] tokens, int[] labels) {
        super(name, Shape.of(maxLen), classes, labels);
        if (tokens.length != (long) labels.length * maxLen) {
            throw new IllegalArgumentException(name + ": " + tokens.length + " tokens for " + labels.length
                    + " sequences of length " + maxLen + ", expected " + (long) labels.length * maxLen);
        }
        this.tokens = tokens;
    }

    @Override
    public DType exampleType() {
        return DType.INT32;
    }

    @Override
    public void copyExample(int i, int[] dst, int offset) {
        int n = exampleSize();
        System.arraycopy(tokens, Objects.checkIndex(i, size()) * n, dst, offset, n);
    }
}
