package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;

/**
 * The FLOAT32 path of {@link CpuOptimizer#adam}: the same double-precision update per element as the
 * reference loop there (so both give the same floats, as the CUDA kernel does), split over the threads and
 * allocating nothing. Each thread moves its range through heap arrays a chunk at a time, widening to
 * double, updating and rounding back in separate loops: the JIT turns each into vector code, which it does
 * not for one loop that mixes float and double (a third of the speed). The benchmark GRU's embedding alone
 * is 3.75 million weights that Adam updates every step, zero gradient or not (their moments still decay).
 */
final class FloatAdam {
    /** Elements per chunk, whose arrays (144 KB) stay in the second-level cache; 1024 ran a fifth slower. */
    private static final int CHUNK = 4096;

    private double beta1;
    private double beta2;
    private double epsilon;
    private double stepSize;
    private double rootCorrection2;
    private double firstMomentGain;
    private double scale;
    private double decay;
    private final Operand w = new Operand();
    private final Operand g = new Operand();
    private final Operand m = new Operand();
    private final Operand v = new Operand();
    /** Per thread: a chunk of floats to move, and w, g, m, v widened to double. */
    private float[][] floats = new float[0][];
    private double[][][] doubles = new double[0][][];

    static boolean applies(Tensor weight, Tensor gradient, Tensor m, Tensor v) {
        return weight.dtype() == DType.FLOAT32 && gradient.dtype() == DType.FLOAT32 && m.dtype() == DType.FLOAT32
                && v.dtype() == DType.FLOAT32;
    }

    /** One step with the constants {@link CpuOptimizer#adam} derived from the rule and the step number. */
    void update(double beta1, double beta2, double epsilon, double stepSize, double rootCorrection2,
            double firstMomentGain, double gradientScale, double weightDecay, Tensor weight, Tensor gradient,
            Tensor first, Tensor second) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.stepSize = stepSize;
        this.rootCorrection2 = rootCorrection2;
        this.firstMomentGain = firstMomentGain;
        this.scale = gradientScale;
        this.decay = weightDecay;
        w.bind(weight);
        g.bind(gradient);
        m.bind(first);
        v.bind(second);
        int n = weight.length();
        CpuThreads threads = CpuBackend.of(weight).workers();
        if (floats.length < threads.count()) {
            floats = new float[threads.count()][CHUNK];
            doubles = new double[threads.count()][4][CHUNK];
        }
        threads.forEach(n, n < CpuElementwise.PARALLEL_MIN ? 1 : threads.count(), this, FloatAdam::range);
        w.bind(null);
        g.bind(null);
        m.bind(null);
        v.bind(null);
    }

    private static void range(FloatAdam a, int worker, int from, int to) {
        float[] chunk = a.floats[worker];
        double[] w = a.doubles[worker][0];
        double[] g = a.doubles[worker][1];
        double[] m = a.doubles[worker][2];
        double[] v = a.doubles[worker][3];
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            a.w.widen(start, chunk, w, n);
            a.g.widen(start, chunk, g, n);
            a.m.widen(start, chunk, m, n);
            a.v.widen(start, chunk, v, n);
            a.step(w, g, m, v, n);
            a.w.round(start, w, chunk, n);
            a.m.round(start, m, chunk, n);
            a.v.round(start, v, chunk, n);
        }
    }

    /** The reference loop's expressions, in its order; the gradient array is overwritten. */
    private void step(double[] w, double[] g, double[] m, double[] v, int n) {
        double scale = this.scale;
        double decay = this.decay;
        double beta1 = this.beta1;
        double gain = firstMomentGain;
        double beta2 = this.beta2;
        double stepSize = this.stepSize;
        double root = rootCorrection2;
        double epsilon = this.epsilon;
        for (int i = 0; i < n; i++) {
            double grad = scale * g[i] + decay * w[i];
            double mi = beta1 * m[i] + gain * grad;
            double vi = beta2 * v[i] + (1 - beta2) * grad * grad;
            w[i] -= stepSize * mi / (Math.sqrt(vi) / root + epsilon);
            m[i] = mi;
            v[i] = vi;
        }
    }

    /** A FLOAT32 tensor's buffer, re-aimed at each call's tensors, moved a chunk at a time. */
    private static final class Operand {
        private FloatBuffer data;
        private int offset;

        void bind(Tensor t) {
            data = t == null ? null : CpuStorage.floats(t);
            offset = t == null ? 0 : (int) t.offset();
        }

        /** Elements [start, start + n) into {@code into} as doubles, through {@code chunk}. */
        void widen(int start, float[] chunk, double[] into, int n) {
            data.get(offset + start, chunk, 0, n);
            for (int i = 0; i < n; i++) {
                into[i] = chunk[i];
            }
        }

        /** {@code from} rounded to float, through {@code chunk}, into elements [start, start + n). */
        void round(int start, double[] from, float[] chunk, int n) {
            for (int i = 0; i < n; i++) {
                chunk[i] = (float) from[i];
            }
            data.put(offset + start, chunk, 0, n);
        }
    }
}
