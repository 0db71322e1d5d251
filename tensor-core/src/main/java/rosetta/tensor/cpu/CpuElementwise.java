package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;

/**
 * The backend's elementwise primitives. FLOAT32 runs plain loops over the direct buffers, split over the
 * threads when the tensor is large, evaluating the reference loops' expressions (FLOAT64 still runs those,
 * through {@link Elements}). Reductions stay on one thread, summed in element order as the reference does.
 */
final class CpuElementwise {
    /** Below this many elements a dispatch to the other threads costs more than it saves. */
    static final int PARALLEL_MIN = 1 << 16;

    private final CpuThreads threads;
    private FloatBuffer x;
    private int xOffset;
    private FloatBuffer y;
    private int yOffset;
    private FloatBuffer out;
    private int outOffset;
    private double alpha;
    private double beta;

    CpuElementwise(CpuThreads threads) {
        this.threads = threads;
    }

    void fill(Tensor t, double value) {
        switch (t.dtype()) {
            case INT32 -> {
                IntBuffer ints = CpuStorage.ints(t);
                int off = (int) t.offset();
                for (int i = 0; i < t.length(); i++) {
                    ints.put(off + i, (int) value);
                }
            }
            case FLOAT32 -> {
                out = CpuStorage.floats(t);
                outOffset = (int) t.offset();
                alpha = value;
                run(t.length(), CpuElementwise::fillRange);
            }
            case FLOAT64 -> {
                Elements e = Elements.of(t);
                for (int i = 0; i < e.length; i++) {
                    e.set(i, value);
                }
            }
        }
    }

    /** y = alpha x + beta y; beta = 0 ignores what y held (NaN included), as BLAS does. */
    void axpby(double alpha, Tensor xt, double beta, Tensor yt) {
        Checks.sameSize(xt, yt);
        if (xt.dtype() == DType.FLOAT32 && yt.dtype() == DType.FLOAT32) {
            bind(xt, yt, yt);
            this.alpha = alpha;
            this.beta = beta;
            run(xt.length(), CpuElementwise::axpbyRange);
            return;
        }
        Elements x = Elements.of(xt);
        Elements y = Elements.of(yt);
        for (int i = 0; i < x.length; i++) {
            y.set(i, alpha * x.get(i) + (beta == 0 ? 0 : beta * y.get(i)));
        }
    }

    void multiply(Tensor at, Tensor bt, Tensor outt) {
        Checks.sameSize(at, bt);
        Checks.sameSize(at, outt);
        if (at.dtype() == DType.FLOAT32 && bt.dtype() == DType.FLOAT32 && outt.dtype() == DType.FLOAT32) {
            bind(at, bt, outt);
            run(at.length(), CpuElementwise::multiplyRange);
            return;
        }
        Elements a = Elements.of(at);
        Elements b = Elements.of(bt);
        Elements out = Elements.of(outt);
        for (int i = 0; i < a.length; i++) {
            out.set(i, a.get(i) * b.get(i));
        }
    }

    double sum(Tensor xt) {
        if (xt.dtype() == DType.FLOAT32) {
            FloatBuffer x = CpuStorage.floats(xt);
            int off = (int) xt.offset();
            double acc = 0;
            for (int i = 0; i < xt.length(); i++) {
                acc += x.get(off + i);
            }
            return acc;
        }
        Elements x = Elements.of(xt);
        double acc = 0;
        for (int i = 0; i < x.length; i++) {
            acc += x.get(i);
        }
        return acc;
    }

    double dot(Tensor at, Tensor bt) {
        Checks.sameSize(at, bt);
        if (at.dtype() == DType.FLOAT32 && bt.dtype() == DType.FLOAT32) {
            FloatBuffer a = CpuStorage.floats(at);
            FloatBuffer b = CpuStorage.floats(bt);
            int aOff = (int) at.offset();
            int bOff = (int) bt.offset();
            double acc = 0;
            for (int i = 0; i < at.length(); i++) {
                acc += (double) a.get(aOff + i) * b.get(bOff + i);
            }
            return acc;
        }
        Elements a = Elements.of(at);
        Elements b = Elements.of(bt);
        double acc = 0;
        for (int i = 0; i < a.length; i++) {
            acc += a.get(i) * b.get(i);
        }
        return acc;
    }

    private void bind(Tensor xt, Tensor yt, Tensor outt) {
        x = CpuStorage.floats(xt);
        xOffset = (int) xt.offset();
        y = CpuStorage.floats(yt);
        yOffset = (int) yt.offset();
        out = CpuStorage.floats(outt);
        outOffset = (int) outt.offset();
    }

    private void run(int n, CpuThreads.RangeBody<CpuElementwise> body) {
        threads.forEach(n, n < PARALLEL_MIN ? 1 : threads.count(), this, body);
        x = null;
        y = null;
        out = null;
    }

    private static void fillRange(CpuElementwise e, int worker, int from, int to) {
        float v = (float) e.alpha;
        for (int i = from; i < to; i++) {
            e.out.put(e.outOffset + i, v);
        }
    }

    private static void axpbyRange(CpuElementwise e, int worker, int from, int to) {
        FloatBuffer x = e.x;
        FloatBuffer y = e.y;
        int xo = e.xOffset;
        int yo = e.yOffset;
        double alpha = e.alpha;
        double beta = e.beta;
        if (beta == 0) {
            for (int i = from; i < to; i++) {
                y.put(yo + i, (float) (alpha * x.get(xo + i)));
            }
        } else {
            for (int i = from; i < to; i++) {
                y.put(yo + i, (float) (alpha * x.get(xo + i) + beta * y.get(yo + i)));
            }
        }
    }

    private static void multiplyRange(CpuElementwise e, int worker, int from, int to) {
        for (int i = from; i < to; i++) {
            e.out.put(e.outOffset + i, e.x.get(e.xOffset + i) * e.y.get(e.yOffset + i));
        }
    }
}
