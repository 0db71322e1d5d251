package rosetta.tensor;

/**
 * A dense, row-major block of elements that lives on one backend. A tensor either owns its storage
 * (made by {@link Backend#allocate}) or is a view into another tensor's storage ({@link #view},
 * {@link #reshape}); closing a view frees nothing.
 */
public final class Tensor implements AutoCloseable {
    private final Backend backend;
    private final Storage storage;
    private final long offset;
    private final Shape shape;
    private final boolean owner;
    private boolean closed;

    /** Called by backends only. */
    public Tensor(Backend backend, Storage storage, long offset, Shape shape, boolean owner) {
        if (offset < 0 || offset + shape.size() > storage.length()) {
            throw new IllegalArgumentException("view " + shape + " at " + offset
                    + " does not fit in storage of " + storage.length() + " elements");
        }
        this.backend = backend;
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.owner = owner;
    }

    public Backend backend() {
        return backend;
    }

    public Storage storage() {
        if (closed) {
            throw new IllegalStateException("tensor " + shape + " used after close");
        }
        return storage;
    }

    /** Element offset of this tensor's first element in its storage. */
    public long offset() {
        return offset;
    }

    public Shape shape() {
        return shape;
    }

    public DType dtype() {
        return storage.dtype();
    }

    public long size() {
        return shape.size();
    }

    /** Elements as an int index; backends work on tensors of fewer than 2^31 elements. */
    public int length() {
        return Math.toIntExact(shape.size());
    }

    /** A view of {@code shape.size()} contiguous elements starting {@code elementOffset} in. */
    public Tensor view(long elementOffset, Shape viewShape) {
        return new Tensor(backend, storage(), offset + elementOffset, viewShape, false);
    }

    /** The same elements seen with another shape of the same size. */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " to " + newShape);
        }
        return view(0, newShape);
    }

    /** Sub-tensor {@code index} along axis 0, e.g. one image of a batch or one time step. */
    public Tensor slice(int index) {
        int[] d = shape.dims();
        int[] rest = java.util.Arrays.copyOfRange(d, 1, d.length);
        Shape sub = Shape.of(rest);
        return view(index * sub.size(), sub);
    }

    /** Rows {@code [from, to)} along axis 0. */
    public Tensor rows(int from, int to) {
        Shape sub = shape.withDim(0, to - from);
        return view(from * shape.sizeFrom(1), sub);
    }

    /** Copies host values in, rounded to float for a FLOAT32 tensor (initial values, checkpoints). */
    public void copyFrom(double[] values) {
        if (dtype() == DType.FLOAT64) {
            backend.copyFromHost(values, 0, this);
            return;
        }
        float[] rounded = new float[length()];
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = (float) values[i];
        }
        backend.copyFromHost(rounded, 0, this);
    }

    public float[] toFloatArray() {
        float[] out = new float[length()];
        backend.copyToHost(this, out, 0);
        return out;
    }

    /** Floating elements widened to double, whatever the tensor's floating type. */
    public double[] toDoubleArray() {
        double[] out = new double[length()];
        if (dtype() == DType.FLOAT32) {
            float[] f = toFloatArray();
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        } else {
            backend.copyToHost(this, out, 0);
        }
        return out;
    }

    public int[] toIntArray() {
        int[] out = new int[length()];
        backend.copyToHost(this, out, 0);
        return out;
    }

    @Override
    public void close() {
        if (!closed && owner) {
            storage.close();
        }
        closed = true;
    }

    @Override
    public String toString() {
        return "Tensor" + shape + " " + dtype() + " on " + backend.name();
    }
}
