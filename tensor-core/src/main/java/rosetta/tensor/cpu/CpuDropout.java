package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.DropoutOps;
import rosetta.tensor.random.Philox;
import rosetta.tensor.random.RngStream;

/**
 * Inverted dropout. Element i's draw is word i % 4 of Philox block start + i / 4, a pure function, so
 * FLOAT32 splits the elements over the threads and still draws exactly what the reference loop draws.
 * Each thread draws the words of a chunk of its range first and then masks the chunk in heap arrays:
 * interleaving a block's call with four elements' direct-buffer accesses cost twice as much.
 */
final class CpuDropout implements DropoutOps {
    /** Elements per chunk, a multiple of the four words a block draws. */
    private static final int CHUNK = 1024;

    private FloatBuffer x;
    private int xOff;
    private FloatBuffer mask;
    private int maskOff;
    private FloatBuffer y;
    private int yOff;
    private float keep;
    private double scale;
    private long start;
    private int key0;
    private int key1;
    /** Per thread: a chunk's words (from the block of its first element), and its x, mask and y. */
    private int[][] words = new int[0][];
    private float[][][] chunks = new float[0][][];

    @Override
    public void forward(double rate, RngStream rng, Tensor xt, Tensor maskt, Tensor yt) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        Checks.sameSize(xt, maskt);
        Checks.sameSize(xt, yt);
        float keep = (float) (1 - rate);
        double scale = 1 / (1 - rate);
        long start = rng.reserve(RngStream.blocksFor(xt.length()));
        if (xt.dtype() == DType.FLOAT32 && maskt.dtype() == DType.FLOAT32 && yt.dtype() == DType.FLOAT32) {
            bind(xt, maskt, yt);
            this.keep = keep;
            this.scale = scale;
            this.start = start;
            this.key0 = rng.key0();
            this.key1 = rng.key1();
            CpuThreads threads = CpuBackend.of(xt).workers();
            if (words.length < threads.count()) {
                // two blocks more than a chunk's own: a range need not start at a block's first word
                words = new int[threads.count()][CHUNK + 8];
                chunks = new float[threads.count()][3][CHUNK];
            }
            run(threads, xt.length(), CpuDropout::forwardRange);
            return;
        }
        Elements x = Elements.of(xt);
        Elements mask = Elements.of(maskt);
        Elements y = Elements.of(yt);
        int[] words = new int[4];
        for (int i = 0; i < x.length; i++) {
            if ((i & 3) == 0) {
                long counter = start + (i >>> 2);
                Philox.block((int) counter, (int) (counter >>> 32), 0, 0, rng.key0(), rng.key1(), words);
            }
            double m = Philox.uniformFloat(words[i & 3]) < keep ? scale : 0;
            mask.set(i, m);
            y.set(i, x.get(i) * m);
        }
    }

    @Override
    public void backward(Tensor maskt, Tensor dyt, Tensor dxt) {
        Checks.sameSize(maskt, dyt);
        Checks.sameSize(maskt, dxt);
        if (maskt.dtype() == DType.FLOAT32 && dyt.dtype() == DType.FLOAT32 && dxt.dtype() == DType.FLOAT32) {
            bind(dyt, maskt, dxt);
            run(CpuBackend.of(dxt).workers(), dxt.length(), CpuDropout::backwardRange);
            return;
        }
        Elements mask = Elements.of(maskt);
        Elements dy = Elements.of(dyt);
        Elements dx = Elements.of(dxt);
        for (int i = 0; i < mask.length; i++) {
            dx.set(i, dy.get(i) * mask.get(i));
        }
    }

    /** Forward: x, mask, y; backward: dy, mask, dx. */
    private void bind(Tensor in, Tensor maskt, Tensor out) {
        x = CpuStorage.floats(in);
        xOff = (int) in.offset();
        mask = CpuStorage.floats(maskt);
        maskOff = (int) maskt.offset();
        y = CpuStorage.floats(out);
        yOff = (int) out.offset();
    }

    private void run(CpuThreads threads, int n, CpuThreads.RangeBody<CpuDropout> body) {
        threads.forEach(n, n < CpuElementwise.PARALLEL_MIN ? 1 : threads.count(), this, body);
        x = null;
        mask = null;
        y = null;
    }

    private static void forwardRange(CpuDropout d, int worker, int from, int to) {
        int[] words = d.words[worker];
        float[] xs = d.chunks[worker][0];
        float[] masks = d.chunks[worker][1];
        float[] ys = d.chunks[worker][2];
        float keep = d.keep;
        double scale = d.scale;
        // the reference's (float) m and (float) (x m), without a conversion where the result is known: the
        // scale rounded once, and x times zero (a signed zero, or NaN) is the same in float
        float maskValue = (float) scale;
        int skew = from & 3;
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            int firstBlock = start >>> 2;
            int blocks = ((start + n - 1) >>> 2) - firstBlock + 1;
            for (int b = 0; b < blocks; b++) {
                long counter = d.start + firstBlock + b;
                Philox.block((int) counter, (int) (counter >>> 32), 0, 0, d.key0, d.key1, words, 4 * b);
            }
            d.x.get(d.xOff + start, xs, 0, n);
            for (int i = 0; i < n; i++) {
                if (Philox.uniformFloat(words[skew + i]) < keep) {
                    masks[i] = maskValue;
                    ys[i] = (float) (xs[i] * scale);
                } else {
                    masks[i] = 0f;
                    ys[i] = xs[i] * 0f;
                }
            }
            d.mask.put(d.maskOff + start, masks, 0, n);
            d.y.put(d.yOff + start, ys, 0, n);
        }
    }

    private static void backwardRange(CpuDropout d, int worker, int from, int to) {
        for (int i = from; i < to; i++) {
            d.y.put(d.yOff + i, d.x.get(d.xOff + i) * d.mask.get(d.maskOff + i));
        }
    }
}
