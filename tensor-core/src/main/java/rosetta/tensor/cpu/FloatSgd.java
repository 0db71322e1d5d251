package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.MomentumRule;

/**
 * The FLOAT32 path of {@link CpuOptimizer#sgdMomentum}: the same double-precision update per element as
 * the reference loop there (so both give the same floats), read and written straight from the buffers,
 * split over the threads, allocating nothing.
 */
final class FloatSgd {
    private MomentumRule rule;
    private double lr;
    private double m;
    private double scale;
    private double decay;
    private FloatBuffer w;
    private int wOff;
    private FloatBuffer g;
    private int gOff;
    private FloatBuffer v;
    private int vOff;

    static boolean applies(Tensor weight, Tensor gradient, Tensor velocity) {
        return weight.dtype() == DType.FLOAT32 && gradient.dtype() == DType.FLOAT32
                && velocity.dtype() == DType.FLOAT32;
    }

    void update(MomentumRule rule, double lr, double m, double gradientScale, double weightDecay, Tensor weight,
            Tensor gradient, Tensor velocity) {
        this.rule = rule;
        this.lr = lr;
        this.m = m;
        this.scale = gradientScale;
        this.decay = weightDecay;
        w = CpuStorage.floats(weight);
        wOff = (int) weight.offset();
        g = CpuStorage.floats(gradient);
        gOff = (int) gradient.offset();
        v = CpuStorage.floats(velocity);
        vOff = (int) velocity.offset();
        int n = weight.length();
        CpuThreads threads = CpuBackend.of(weight).workers();
        threads.forEach(n, n < CpuElementwise.PARALLEL_MIN ? 1 : threads.count(), this, FloatSgd::range);
        w = null;
        g = null;
        v = null;
    }

    private static void range(FloatSgd s, int worker, int from, int to) {
        double lr = s.lr;
        double m = s.m;
        for (int i = from; i < to; i++) {
            double wi = s.w.get(s.wOff + i);
            double grad = s.scale * s.g.get(s.gOff + i) + s.decay * wi;
            double old = s.v.get(s.vOff + i);
            double vi;
            switch (s.rule) {
                case LR_OUTSIDE -> {
                    vi = m * old + grad;
                    wi -= lr * vi;
                }
                case LR_INSIDE -> {
                    vi = m * old - lr * grad;
                    wi += vi;
                }
                case LR_INSIDE_POSITIVE -> {
                    vi = m * old + lr * grad;
                    wi -= vi;
                }
                case UNIT_GAIN -> {
                    vi = m * old + (1 - m) * lr * grad;
                    wi -= vi;
                }
                case NESTEROV_LR_OUTSIDE -> {
                    vi = m * old + grad;
                    wi -= lr * (grad + m * vi);
                }
                case NESTEROV_LR_INSIDE -> {
                    vi = m * old - lr * grad;
                    wi += m * vi - lr * grad;
                }
                case NESTEROV_CAFFE2 -> {
                    vi = m * old + lr * grad;
                    wi -= (1 + m) * vi - m * old;
                }
                default -> throw new IllegalStateException(s.rule.toString());
            }
            s.v.put(s.vOff + i, (float) vi);
            s.w.put(s.wOff + i, (float) wi);
        }
    }
}
