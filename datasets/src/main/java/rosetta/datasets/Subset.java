package rosetta.datasets;

import rosetta.tensor.DType;
import rosetta.tensor.Shape;

/** The first {@code size} examples of a data set ({@code --limit-train}, {@code --limit-test}), without copying. */
public final class Subset implements Dataset {
    private final Dataset source;
    private final int size;

    private Subset(Dataset source, int size) {
        this.source = source;
        this.size = size;
    }

    /** The first {@code n} examples, or the whole set when it is no larger. */
    public static Dataset first(Dataset source, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a limit must be positive, got " + n);
        }
        return n >= source.size() ? source : new Subset(source, n);
    }

    @Override
    public String name() {
        return source.name() + " (first " + size + ")";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape exampleShape() {
        return source.exampleShape();
    }

    @Override
    public DType exampleType() {
        return source.exampleType();
    }

    @Override
    public int classes() {
        return source.classes();
    }

    @Override
    public int label(int i) {
        return source.label(check(i));
    }

    @Override
    public void copyExample(int i, float[] dst, int offset) {
        source.copyExample(check(i), dst, offset);
    }

    @Override
    public void copyExample(int i, int[] dst, int offset) {
        source.copyExample(check(i), dst, offset);
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " of " + size);
        }
        return i;
    }
}
