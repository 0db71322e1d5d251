package rosetta.datasets;

import java.util.Objects;
import rosetta.tensor.Shape;

/** What the in-memory data sets share: a name, a shape, labels, and a refusal of the wrong array type. */
abstract class InMemoryDataset implements Dataset {
    private final String name;
    private final Shape exampleShape;
    private final int classes;
    private final int[] labels;

    InMemoryDataset(String name, Shape exampleShape, int classes, int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
        this.name = name;
        this.exampleShape = exampleShape;
        this.classes = classes;
        this.labels = labels;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Shape exampleShape() {
        return exampleShape;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)];
    }

    @Override
    public void copyExample(int i, float[] dst, int offset) {
        throw wrongArray("float[]");
    }

    @Override
    public void copyExample(int i, int[] dst, int offset) {
        throw wrongArray("int[]");
    }

    private IllegalArgumentException wrongArray(String given) {
        return new IllegalArgumentException(name + " holds " + exampleType() + " examples and cannot copy them into a "
                + given + "; use the copyExample for its type");
    }

    @Override
    public String toString() {
        return name + ": " + size() + " x " + exampleType() + " " + exampleShape() + ", " + classes + " classes";
    }
}
