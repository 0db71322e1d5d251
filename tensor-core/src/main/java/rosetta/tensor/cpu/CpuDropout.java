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
 */
final class CpuDropout implements DropoutOps {
    /** 16 ints: 64 bytes, so that words 0..3 of two threads' arrays never share a 64-byte line. */
    private static final int PADDED_WORDS = 16;

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
    /**
     * One Philox block's four words per thread, each padded to a cache line and more: two threads writing
     * their words into one line would make it bounce between the cores at every block.
     */
    private int[][] words = new int[0][];

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
                words = new int[threads.count()][PADDED_WORDS];
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

    /** Block by block: one Philox block draws elements 4b .. 4b + 3, those of [from, to) among them. */
    private static void forwardRange(CpuDropout d, int worker, int from, int to) {
        int[] words = d.words[worker];
        FloatBuffer x = d.x;
        FloatBuffer mask = d.mask;
        FloatBuffer y = d.y;
        float keep = d.keep;
        double scale = d.scale;
        int i = from;
        while (i < to) {
            long counter = d.start + (i >>> 2);
            Philox.block((int) counter, (int) (counter >>> 32), 0, 0, d.key0, d.key1, words);
            int end = Math.min(to, (i | 3) + 1);
            for (; i < end; i++) {
                double m = Philox.uniformFloat(words[i & 3]) < keep ? scale : 0;
                mask.put(d.maskOff + i, (float) m);
                y.put(d.yOff + i, (float) (x.get(d.xOff + i) * m));
            }
        }
    }

    private static void backwardRange(CpuDropout d, int worker, int from, int to) {
        for (int i = from; i < to; i++) {
            d.y.put(d.yOff + i, d.x.get(d.xOff + i) * d.mask.get(d.maskOff + i));
        }
    }
}
