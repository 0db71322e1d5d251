package rosetta.tensor.testing;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/** Seeded tensors for tests. */
public final class TestData {
    private TestData() {
    }

    /** Uniform in [-1, 1), the same values for the same seed on every backend. */
    public static Tensor uniform(Backend backend, DType dtype, Shape shape, long seed) {
        Tensor t = backend.allocate(dtype, shape);
        backend.fillUniform(t, RngStream.seeded(seed), -1, 1);
        return t;
    }

    public static double[] uniform(int n, long seed) {
        RngStream rng = RngStream.seeded(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 2 * rng.nextDouble() - 1;
        }
        return d;
    }

    public static Tensor of(Backend backend, Shape shape, double... values) {
        Tensor t = backend.allocate(DType.FLOAT64, shape);
        backend.copyFromHost(values, 0, t);
        return t;
    }

    public static Tensor floats(Backend backend, Shape shape, float... values) {
        Tensor t = backend.allocate(DType.FLOAT32, shape);
        backend.copyFromHost(values, 0, t);
        return t;
    }

    public static Tensor ints(Backend backend, Shape shape, int... values) {
        Tensor t = backend.allocate(DType.INT32, shape);
        backend.copyFromHost(values, 0, t);
        return t;
    }

    /** A FLOAT32 copy of a FLOAT64 tensor, or the reverse, on the same backend. */
    public static Tensor convert(Tensor t, DType to) {
        Backend b = t.backend();
        Tensor out = b.allocate(to, t.shape());
        out.copyFrom(t.toDoubleArray());
        return out;
    }
}
