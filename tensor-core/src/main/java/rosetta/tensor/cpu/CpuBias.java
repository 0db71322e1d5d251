package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.BiasOps;

/**
 * A bias along one axis. FLOAT32 runs allocation-free loops split over the threads: forward by blocks of
 * the tensor, backward by channels, each channel summed in double in the reference's order (so both give
 * the same floats, whatever the thread count). Other types run the reference loops.
 */
final class CpuBias implements BiasOps {
    private FloatBuffer bias;
    private int biasOff;
    private FloatBuffer data;
    private int dataOff;
    private int outer;
    private int channels;
    private int inner;
    private double[][] sums = new double[0][];

    @Override
    public void forward(Tensor biast, Tensor yt, int axis) {
        check(yt.shape(), biast, axis);
        if (biast.dtype() == DType.FLOAT32 && yt.dtype() == DType.FLOAT32) {
            bind(biast, yt, axis);
            CpuThreads threads = CpuBackend.of(yt).workers();
            threads.forEach(outer * channels, parts(threads, yt), this, CpuBias::forwardRange);
            clear();
            return;
        }
        Elements bias = Elements.of(biast);
        Elements y = Elements.of(yt);
        int channels = yt.shape().dim(axis);
        int inner = Math.toIntExact(yt.shape().sizeFrom(axis + 1));
        for (int o = 0; o < outerOf(yt.shape(), axis); o++) {
            for (int c = 0; c < channels; c++) {
                double b = bias.get(c);
                int base = (o * channels + c) * inner;
                for (int i = 0; i < inner; i++) {
                    y.add(base + i, b);
                }
            }
        }
    }

    @Override
    public void backward(Tensor dyt, Tensor dbiast, int axis) {
        check(dyt.shape(), dbiast, axis);
        if (dyt.dtype() == DType.FLOAT32 && dbiast.dtype() == DType.FLOAT32) {
            bind(dbiast, dyt, axis);
            CpuThreads threads = CpuBackend.of(dyt).workers();
            if (sums.length < threads.count() || sums[0].length < channels) {
                sums = new double[threads.count()][channels];
            }
            threads.forEach(channels, parts(threads, dyt), this, CpuBias::backwardRange);
            clear();
            return;
        }
        Elements dy = Elements.of(dyt);
        Elements db = Elements.of(dbiast);
        int channels = dyt.shape().dim(axis);
        int inner = Math.toIntExact(dyt.shape().sizeFrom(axis + 1));
        for (int c = 0; c < channels; c++) {
            double acc = 0;
            for (int o = 0; o < outerOf(dyt.shape(), axis); o++) {
                int base = (o * channels + c) * inner;
                for (int i = 0; i < inner; i++) {
                    acc += dy.get(base + i);
                }
            }
            db.set(c, acc);
        }
    }

    private static int parts(CpuThreads threads, Tensor t) {
        return t.length() < CpuElementwise.PARALLEL_MIN ? 1 : threads.count();
    }

    private void bind(Tensor b, Tensor t, int axis) {
        bias = CpuStorage.floats(b);
        biasOff = (int) b.offset();
        data = CpuStorage.floats(t);
        dataOff = (int) t.offset();
        outer = outerOf(t.shape(), axis);
        channels = t.shape().dim(axis);
        inner = Math.toIntExact(t.shape().sizeFrom(axis + 1));
    }

    private void clear() {
        bias = null;
        data = null;
    }

    /** Blocks [from, to) of (outer, channel) pairs: each block's inner run gets its channel's bias. */
    private static void forwardRange(CpuBias b, int worker, int from, int to) {
        for (int block = from; block < to; block++) {
            float v = b.bias.get(b.biasOff + block % b.channels);
            int base = b.dataOff + block * b.inner;
            for (int i = 0; i < b.inner; i++) {
                b.data.put(base + i, b.data.get(base + i) + v);
            }
        }
    }

    /** Channels [from, to): sums over outer then inner, in the reference's order. */
    private static void backwardRange(CpuBias b, int worker, int from, int to) {
        if (b.inner == 1) {
            // a row per outer index: add each row's channels into running sums, reading rows in order
            double[] acc = b.sums[worker];
            java.util.Arrays.fill(acc, from, to, 0);
            for (int o = 0; o < b.outer; o++) {
                int row = b.dataOff + o * b.channels;
                for (int c = from; c < to; c++) {
                    acc[c] += b.data.get(row + c);
                }
            }
            for (int c = from; c < to; c++) {
                b.bias.put(b.biasOff + c, (float) acc[c]);
            }
            return;
        }
        for (int c = from; c < to; c++) {
            double acc = 0;
            for (int o = 0; o < b.outer; o++) {
                int base = b.dataOff + (o * b.channels + c) * b.inner;
                for (int i = 0; i < b.inner; i++) {
                    acc += b.data.get(base + i);
                }
            }
            b.bias.put(b.biasOff + c, (float) acc);
        }
    }

    private static void check(Shape shape, Tensor bias, int axis) {
        if (bias.size() != shape.dim(axis)) {
            throw new IllegalArgumentException("bias " + bias.shape() + " does not match axis " + axis + " of "
                    + shape);
        }
    }

    /** Elements before {@code axis}: how many times the channel axis repeats. */
    private static int outerOf(Shape shape, int axis) {
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape.dim(i);
        }
        return Math.toIntExact(outer);
    }
}
