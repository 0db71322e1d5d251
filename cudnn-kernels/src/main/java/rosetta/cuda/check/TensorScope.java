package rosetta.cuda.check;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Resources;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/** Tensors of one check, closed together. */
final class TensorScope implements AutoCloseable {
    private final Resources owned = new Resources();

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
        return owned.own(t);
    }

    @Override
    public void close() {
        owned.close();
    }
}
