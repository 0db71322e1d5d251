package rosetta.tensor;

import java.util.Arrays;

/** The dimensions of a dense, row-major tensor. Immutable. */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Product of the dimensions from {@code axis} to the end. */
    public long sizeFrom(int axis) {
        long n = 1;
        for (int i = axis; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** This shape with axis 0 replaced, e.g. a different batch size. */
    public Shape withDim(int axis, int value) {
        int[] d = dims.clone();
        d[axis] = value;
        return new Shape(d);
    }

    /** [dims[0], product of the rest]: the matrix view a dense layer takes. */
    public Shape flattenFrom(int axis) {
        int[] d = Arrays.copyOf(dims, axis + 1);
        d[axis] = Math.toIntExact(sizeFrom(axis));
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
