package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.ActivationOps;

/**
 * Activations. FLOAT32 runs {@link FloatActivations}' loops split over the threads; other types run the
 * reference loops below, which define the results.
 */
final class CpuActivation implements ActivationOps {
    private Activation kind;
    private FloatBuffer y;
    private int yOff;
    private FloatBuffer x;
    private int xOff;
    private FloatBuffer out;
    private int outOff;

    @Override
    public void forward(Activation kind, Tensor xt, Tensor yt) {
        Checks.sameSize(xt, yt);
        if (xt.dtype() == DType.FLOAT32 && yt.dtype() == DType.FLOAT32) {
            bind(kind, xt, null, yt);
            run(xt, CpuActivation::forwardRange);
            return;
        }
        Elements x = Elements.of(xt);
        Elements y = Elements.of(yt);
        for (int i = 0; i < x.length; i++) {
            double v = x.get(i);
            y.set(i, switch (kind) {
                case RELU -> v > 0 || Double.isNaN(v) ? v : 0;
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case TANH -> Math.tanh(v);
            });
        }
    }

    @Override
    public void backward(Activation kind, Tensor yt, Tensor dyt, Tensor dxt) {
        Checks.sameSize(yt, dyt);
        Checks.sameSize(yt, dxt);
        if (yt.dtype() == DType.FLOAT32 && dyt.dtype() == DType.FLOAT32 && dxt.dtype() == DType.FLOAT32) {
            bind(kind, yt, dyt, dxt);
            run(yt, CpuActivation::backwardRange);
            return;
        }
        Elements y = Elements.of(yt);
        Elements dy = Elements.of(dyt);
        Elements dx = Elements.of(dxt);
        for (int i = 0; i < y.length; i++) {
            double out = y.get(i);
            double slope = switch (kind) {
                case RELU -> out > 0 ? 1 : 0;
                case SIGMOID -> out * (1 - out);
                case TANH -> 1 - out * out;
            };
            dx.set(i, dy.get(i) * slope);
        }
    }

    /** Forward reads {@code first} and writes {@code result}; backward reads y = {@code first} and dy. */
    private void bind(Activation kind, Tensor first, Tensor dy, Tensor result) {
        this.kind = kind;
        this.y = CpuStorage.floats(first);
        this.yOff = (int) first.offset();
        this.x = dy == null ? null : CpuStorage.floats(dy);
        this.xOff = dy == null ? 0 : (int) dy.offset();
        this.out = CpuStorage.floats(result);
        this.outOff = (int) result.offset();
    }

    private void run(Tensor t, CpuThreads.RangeBody<CpuActivation> body) {
        int n = t.length();
        CpuThreads threads = CpuBackend.of(t).workers();
        threads.forEach(n, n < CpuElementwise.PARALLEL_MIN ? 1 : threads.count(), this, body);
        y = null;
        x = null;
        out = null;
    }

    private static void forwardRange(CpuActivation a, int worker, int from, int to) {
        FloatActivations.forward(a.kind, 0f, a.y, a.yOff + from, a.out, a.outOff + from, to - from);
    }

    private static void backwardRange(CpuActivation a, int worker, int from, int to) {
        FloatActivations.backward(a.kind, a.y, a.yOff + from, a.x, a.xOff + from, a.out, a.outOff + from, to - from);
    }
}
