package rosetta.layers;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/**
 * The tensors a layer keeps between calls: allocated on the first call for an input shape and reused
 * while the shape holds, so a training step allocates nothing after the first.
 */
final class Buffers {
    private Buffers() {
    }

    /** {@code current} if it already has this type and shape; otherwise it is closed and replaced. */
    static Tensor reuse(Tensor current, Backend backend, DType dtype, Shape shape) {
        if (current != null && current.dtype() == dtype && current.shape().equals(shape)) {
            return current;
        }
        close(current);
        return backend.allocate(dtype, shape);
    }

    static void close(AutoCloseable... owned) {
        for (AutoCloseable c : owned) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not free " + c, e);
                }
            }
        }
    }
}
