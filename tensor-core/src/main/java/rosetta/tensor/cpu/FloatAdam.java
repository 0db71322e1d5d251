package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;

/**
 * The FLOAT32 path of {@link CpuOptimizer#adam}: the reference loop's update computed in float, as the
 * frameworks' own float32 kernels compute it (PyTorch's {@code torch/optim/adam.py} tensor ops, TF's
 * {@code ApplyAdam} functor on {@code T = float}, MXNet's {@code adam_update} on {@code DType = float}),
 * split over the threads and allocating nothing. Each thread moves its range through heap arrays in
 * chunks, where the JIT turns the float loop into vector code: the double-precision loop runs at about a
 * third of that speed, and the benchmark GRU's embedding alone is 3.75 million weights that Adam updates
 * every step, zero gradient or not (their moments still decay).
 */
final class FloatAdam {
    /** Elements per chunk: four arrays of it stay in the first-level cache. */
    private static final int CHUNK = 1024;

    private float beta1;
    private float beta2;
    /** 1 - beta2, from the double: 1 - 0.999f would be 1.3e-5 off. */
    private float secondMomentGain;
    private float epsilon;
    private float stepSize;
    private float rootCorrection2;
    private float firstMomentGain;
    private float scale;
    private float decay;
    private FloatBuffer w;
    private int wOff;
    private FloatBuffer g;
    private int gOff;
    private FloatBuffer m;
    private int mOff;
    private FloatBuffer v;
    private int vOff;
    /** Per thread: a chunk of w, g, m and v. */
    private float[][][] chunks = new float[0][][];

    static boolean applies(Tensor weight, Tensor gradient, Tensor m, Tensor v) {
        return weight.dtype() == DType.FLOAT32 && gradient.dtype() == DType.FLOAT32 && m.dtype() == DType.FLOAT32
                && v.dtype() == DType.FLOAT32;
    }

    /** One step with the constants {@link CpuOptimizer#adam} derived from the rule and the step number. */
    void update(double beta1, double beta2, double epsilon, double stepSize, double rootCorrection2,
            double firstMomentGain, double gradientScale, double weightDecay, Tensor weight, Tensor gradient,
            Tensor first, Tensor second) {
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.secondMomentGain = (float) (1 - beta2);
        this.epsilon = (float) epsilon;
        this.stepSize = (float) stepSize;
        this.rootCorrection2 = (float) rootCorrection2;
        this.firstMomentGain = (float) firstMomentGain;
        this.scale = (float) gradientScale;
        this.decay = (float) weightDecay;
        w = CpuStorage.floats(weight);
        wOff = (int) weight.offset();
        g = CpuStorage.floats(gradient);
        gOff = (int) gradient.offset();
        m = CpuStorage.floats(first);
        mOff = (int) first.offset();
        v = CpuStorage.floats(second);
        vOff = (int) second.offset();
        int n = weight.length();
        CpuThreads threads = CpuBackend.of(weight).workers();
        if (chunks.length < threads.count()) {
            chunks = new float[threads.count()][4][CHUNK];
        }
        threads.forEach(n, n < CpuElementwise.PARALLEL_MIN ? 1 : threads.count(), this, FloatAdam::range);
        w = null;
        g = null;
        m = null;
        v = null;
    }

    private static void range(FloatAdam a, int worker, int from, int to) {
        float[] w = a.chunks[worker][0];
        float[] g = a.chunks[worker][1];
        float[] m = a.chunks[worker][2];
        float[] v = a.chunks[worker][3];
        float scale = a.scale;
        float decay = a.decay;
        float beta1 = a.beta1;
        float gain = a.firstMomentGain;
        float beta2 = a.beta2;
        float secondGain = a.secondMomentGain;
        float stepSize = a.stepSize;
        float root = a.rootCorrection2;
        float epsilon = a.epsilon;
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            a.w.get(a.wOff + start, w, 0, n);
            a.g.get(a.gOff + start, g, 0, n);
            a.m.get(a.mOff + start, m, 0, n);
            a.v.get(a.vOff + start, v, 0, n);
            for (int i = 0; i < n; i++) {
                float grad = scale * g[i] + decay * w[i];
                float mi = beta1 * m[i] + gain * grad;
                float vi = beta2 * v[i] + secondGain * grad * grad;
                w[i] -= stepSize * mi / ((float) Math.sqrt(vi) / root + epsilon);
                m[i] = mi;
                v[i] = vi;
            }
            a.w.put(a.wOff + start, w, 0, n);
            a.m.put(a.mOff + start, m, 0, n);
            a.v.put(a.vOff + start, v, 0, n);
        }
    }
}
