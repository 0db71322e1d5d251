package rosetta.cuda.check;

import java.util.ArrayList;
import java.util.List;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/** Tensors of one check, closed together. */
final class TensorScope implements AutoCloseable {
    private final List<AutoCloseable> owned = new ArrayList<>();

    Tensor floats(Backend b, Shape shape, float[] values) {
        Tensor t = keep(b.allocate(DType.FLOAT32, shape));
        b.copyFromHost(values, 0, t);
        return t;
    }

    Tensor ints(Backend b, Shape shape, int[] values) {
        Tensor t = keep(b.allocate(DType.INT32, shape));
        b.copyFromHost(values, 0, t);
        return t;
    }

    Tensor zeros(Backend b, Shape shape) {
        return keep(b.allocate(DType.FLOAT32, shape));
    }

    <T extends AutoCloseable> T keep(T t) {
        owned.add(t);
        return t;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + owned.get(i) + ": " + e.getMessage(), e);
            }
        }
    }
}
