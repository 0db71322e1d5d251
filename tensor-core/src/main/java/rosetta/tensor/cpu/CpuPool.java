package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolOps;
import rosetta.tensor.ops.PoolPlan;

/**
 * Max pooling. Forward records where each window's maximum came from, so backward routes each gradient
 * straight there instead of searching the window again. Ties go to the first element in the window, a
 * NaN wins (as PyTorch's CPU kernel). FLOAT32 splits the batch over the threads (windows never cross
 * images, so the result is the same for any thread count); where the windows tile the input exactly
 * (stride = window, no padding, e.g. 2x2 stride 2 on an even size) backward writes every input gradient
 * once instead of zeroing dx and then adding.
 */
final class CpuPool implements PoolOps {

    @Override
    public PoolPlan plan(PoolGeometry geometry, DType dtype) {
        return new Plan(geometry);
    }

    @Override
    public void forward(PoolPlan plan, Tensor xt, Tensor yt) {
        Plan p = Plan.of(plan);
        PoolGeometry g = p.geometry;
        Checks.shapeIs(xt, p.inputShape, "max-pool input");
        Checks.shapeIs(yt, p.outputShape, "max-pool output");
        if (xt.dtype() == DType.FLOAT32 && yt.dtype() == DType.FLOAT32) {
            p.bind(xt, yt);
            CpuThreads threads = CpuBackend.of(xt).workers();
            p.ensureHeap(threads.count());
            threads.forEach(g.batch(), p, CpuPool::forwardImages);
            p.clear();
            return;
        }
        Elements x = Elements.of(xt);
        Elements y = Elements.of(yt);
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        int best = -1;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int r = 0; r < g.windowHeight(); r++) {
                            int ih = oh * g.strideHeight() - g.padTop() + r;
                            if (ih < 0 || ih >= g.inHeight()) {
                                continue;
                            }
                            for (int s = 0; s < g.windowWidth(); s++) {
                                int iw = ow * g.strideWidth() - g.padLeft() + s;
                                if (iw < 0 || iw >= g.inWidth()) {
                                    continue;
                                }
                                int at = index(g.layout(), g.channels(), g.inHeight(), g.inWidth(), n, c, ih, iw);
                                double v = x.get(at);
                                if (best < 0 || v > max || Double.isNaN(v)) {
                                    best = at;
                                    max = v;
                                    if (Double.isNaN(v)) {
                                        break;
                                    }
                                }
                            }
                        }
                        int out = index(g.layout(), g.channels(), g.outHeight(), g.outWidth(), n, c, oh, ow);
                        p.argmax[out] = best;
                        y.set(out, max);
                    }
                }
            }
        }
    }

    @Override
    public void backward(PoolPlan plan, Tensor x, Tensor y, Tensor dyt, Tensor dxt) {
        Plan p = Plan.of(plan);
        Checks.shapeIs(dyt, p.outputShape, "max-pool output gradient");
        Checks.shapeIs(dxt, p.inputShape, "max-pool input gradient");
        if (dyt.dtype() == DType.FLOAT32 && dxt.dtype() == DType.FLOAT32) {
            p.bind(dxt, dyt);
            CpuThreads threads = CpuBackend.of(dxt).workers();
            p.ensureHeap(threads.count());
            threads.forEach(p.geometry.batch(), p, CpuPool::backwardImages);
            p.clear();
            return;
        }
        Elements dy = Elements.of(dyt);
        Elements dx = Elements.of(dxt);
        for (int i = 0; i < dx.length; i++) {
            dx.set(i, 0);
        }
        for (int i = 0; i < dy.length; i++) {
            dx.add(p.argmax[i], dy.get(i));
        }
    }

    static int index(Layout layout, int channels, int height, int width, int n, int c, int h, int w) {
        return layout == Layout.NCHW
                ? ((n * channels + c) * height + h) * width + w
                : ((n * height + h) * width + w) * channels + c;
    }

    /**
     * Images [from, to), each copied to the thread's heap first: the windows read it in an order the JIT
     * cannot turn into a stream, and element reads of a direct buffer cost several times a heap read there.
     */
    private static void forwardImages(Plan p, int worker, int from, int to) {
        PoolGeometry g = p.geometry;
        Strides s = p.strides;
        float[] in = p.inputs[worker];
        float[] out = p.outputs[worker];
        int outAt = 0;
        for (int n = from; n < to; n++) {
            p.a.get(p.aOff + n * s.inImage, in, 0, s.inImage);
            int argmaxAt = n * s.outImage;
            if (p.tiles && g.windowHeight() == 2 && g.windowWidth() == 2) {
                halves(p, g, s, in, out, outAt, argmaxAt, n);
            } else {
                for (int ch = 0; ch < g.channels(); ch++) {
                    for (int y = 0; y < g.outHeight(); y++) {
                        for (int x = 0; x < g.outWidth(); x++) {
                            window(p, g, s, in, out, outAt, argmaxAt, n, ch, y, x);
                        }
                    }
                }
            }
            p.b.put(p.bOff + n * s.outImage, out, outAt, s.outImage);
        }
    }

    /**
     * 2x2 stride-2 pooling that tiles image n (the benchmark's pools), unrolled and without a branch on
     * the data: which of four values is largest is a coin toss, and mispredicted branches cost more than
     * the rest of the window (C2 does not reliably turn the selects into conditional moves). A window
     * holding a NaN goes to {@link #window}.
     */
    private static void halves(Plan p, PoolGeometry g, Strides s, float[] in, float[] out, int outAt, int argmaxAt,
            int n) {
        int image = n * s.inImage;
        for (int ch = 0; ch < g.channels(); ch++) {
            for (int y = 0; y < g.outHeight(); y++) {
                for (int x = 0; x < g.outWidth(); x++) {
                    int i0 = ch * s.inChannel + 2 * y * s.inRow + 2 * x * s.inPixel;
                    int i1 = i0 + s.inPixel;
                    int i2 = i0 + s.inRow;
                    int i3 = i2 + s.inPixel;
                    float v0 = in[i0];
                    float v1 = in[i1];
                    float v2 = in[i2];
                    float v3 = in[i3];
                    if (v0 != v0 || v1 != v1 || v2 != v2 || v3 != v3) {
                        window(p, g, s, in, out, outAt, argmaxAt, n, ch, y, x);
                        continue;
                    }
                    int best = i0;
                    int top = sortable(v0);
                    int k = sortable(v1);
                    int larger = greater(k, top);
                    best += (i1 - best) & -larger;
                    top += (k - top) & -larger;
                    k = sortable(v2);
                    larger = greater(k, top);
                    best += (i2 - best) & -larger;
                    top += (k - top) & -larger;
                    k = sortable(v3);
                    larger = greater(k, top);
                    best += (i3 - best) & -larger;
                    float max = in[best];
                    int o = ch * s.outChannel + y * s.outRow + x * s.outPixel;
                    p.argmax[argmaxAt + o] = image + best;
                    out[outAt + o] = max;
                }
            }
        }
    }

    /** The float's order as an int (for non-NaN floats; -0 counts as +0, as the comparison {@code >} does). */
    private static int sortable(float v) {
        int bits = Float.floatToRawIntBits(v + 0f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    /** 1 if a > b, else 0, by arithmetic. */
    private static int greater(int a, int b) {
        return (int) (((long) b - a) >>> 63);
    }

    /**
     * One window of image n (held in {@code in}): the first largest element wins, a NaN wins. Which
     * element is largest is a coin toss on real data, so the scan selects without branching and only
     * notes NaNs; a window holding one is searched again with the reference's rule (its first element
     * in, a later row's NaN replacing an earlier one).
     */
    private static void window(Plan p, PoolGeometry g, Strides s, float[] in, float[] out, int outAt, int argmaxAt,
            int n, int ch, int y, int x) {
        int ih0 = y * g.strideHeight() - g.padTop();
        int iw0 = x * g.strideWidth() - g.padLeft();
        int r0 = Math.max(0, -ih0);
        int r1 = Math.min(g.windowHeight(), g.inHeight() - ih0);
        int c0 = Math.max(0, -iw0);
        int c1 = Math.min(g.windowWidth(), g.inWidth() - iw0);
        int base = ch * s.inChannel;
        int best = base + (ih0 + r0) * s.inRow + (iw0 + c0) * s.inPixel;
        float max = in[best];
        boolean nan = max != max;
        for (int r = r0; r < r1; r++) {
            int row = base + (ih0 + r) * s.inRow;
            for (int col = c0; col < c1; col++) {
                int at = row + (iw0 + col) * s.inPixel;
                float v = in[at];
                boolean larger = v > max;
                best = larger ? at : best;
                max = larger ? v : max;
                nan |= v != v;
            }
        }
        if (nan) {
            best = -1;
            search:
            for (int r = r0; r < r1; r++) {
                int row = base + (ih0 + r) * s.inRow;
                for (int col = c0; col < c1; col++) {
                    int at = row + (iw0 + col) * s.inPixel;
                    float v = in[at];
                    if (best < 0 || v > max || v != v) {
                        best = at;
                        max = v;
                        if (v != v) {
                            // the reference stops scanning this window row at a NaN; a later row's NaN wins
                            continue search;
                        }
                    }
                }
            }
        }
        int o = ch * s.outChannel + y * s.outRow + x * s.outPixel;
        p.argmax[argmaxAt + o] = n * s.inImage + best;
        out[outAt + o] = max;
    }

    /** Images [from, to) of dx, built on the thread's heap: each output's gradient to its window's maximum. */
    private static void backwardImages(Plan p, int worker, int from, int to) {
        PoolGeometry g = p.geometry;
        Strides s = p.strides;
        float[] dx = p.inputs[worker];
        float[] dy = p.outputs[worker];
        int dyAt = 0;
        int[] argmax = p.argmax;
        int kh = g.windowHeight();
        int kw = g.windowWidth();
        for (int n = from; n < to; n++) {
            p.b.get(p.bOff + n * s.outImage, dy, dyAt, s.outImage);
            int image = n * s.inImage;
            int outs = n * s.outImage;
            if (p.tiles) {
                // every input element is in exactly one window: zero the window, then its maximum's gradient
                // (no branch on which element that is: it is a coin toss)
                for (int ch = 0; ch < g.channels(); ch++) {
                    for (int y = 0; y < g.outHeight(); y++) {
                        for (int x = 0; x < g.outWidth(); x++) {
                            int o = ch * s.outChannel + y * s.outRow + x * s.outPixel;
                            int base = ch * s.inChannel + y * kh * s.inRow + x * kw * s.inPixel;
                            for (int r = 0; r < kh; r++) {
                                for (int col = 0; col < kw; col++) {
                                    dx[base + r * s.inRow + col * s.inPixel] = 0f;
                                }
                            }
                            dx[argmax[outs + o] - image] = dy[dyAt + o];
                        }
                    }
                }
            } else {
                java.util.Arrays.fill(dx, 0, s.inImage, 0f);
                for (int o = 0; o < s.outImage; o++) {
                    dx[argmax[outs + o] - image] += dy[dyAt + o];
                }
            }
            p.a.put(p.aOff + image, dx, 0, s.inImage);
        }
    }

    /** Element strides of the input and output for the geometry's layout. */
    private record Strides(int inImage, int inChannel, int inRow, int inPixel, int outImage, int outChannel, int outRow,
            int outPixel) {

        static Strides of(PoolGeometry g) {
            int c = g.channels();
            if (g.layout() == Layout.NCHW) {
                return new Strides(c * g.inHeight() * g.inWidth(), g.inHeight() * g.inWidth(), g.inWidth(), 1,
                        c * g.outHeight() * g.outWidth(), g.outHeight() * g.outWidth(), g.outWidth(), 1);
            }
            return new Strides(c * g.inHeight() * g.inWidth(), 1, g.inWidth() * c, c,
                    c * g.outHeight() * g.outWidth(), 1, g.outWidth() * c, c);
        }
    }

    private static final class Plan implements PoolPlan {
        private final PoolGeometry geometry;
        private final int[] argmax;
        private final Shape inputShape;
        private final Shape outputShape;
        /** Every input element lies in exactly one window. */
        private final boolean tiles;
        private final Strides strides;
        /** Per thread: one input image and one output image (sized on first use, for the backend's threads). */
        private float[][] inputs = new float[0][];
        private float[][] outputs = new float[0][];
        /** The call in flight: forward reads a (x) and writes b (y); backward writes a (dx) from b (dy). */
        private FloatBuffer a;
        private int aOff;
        private FloatBuffer b;
        private int bOff;

        Plan(PoolGeometry geometry) {
            this.geometry = geometry;
            this.argmax = new int[Math.toIntExact(geometry.outputShape().size())];
            this.inputShape = geometry.inputShape();
            this.outputShape = geometry.outputShape();
            this.strides = Strides.of(geometry);
            this.tiles = geometry.strideHeight() == geometry.windowHeight()
                    && geometry.strideWidth() == geometry.windowWidth() && geometry.padTop() == 0
                    && geometry.padLeft() == 0 && geometry.outHeight() * geometry.strideHeight() == geometry.inHeight()
                    && geometry.outWidth() * geometry.strideWidth() == geometry.inWidth();
        }

        static Plan of(PoolPlan plan) {
            if (!(plan instanceof Plan p)) {
                throw new IllegalArgumentException("not a CPU pooling plan: " + plan);
            }
            return p;
        }

        void bind(Tensor first, Tensor second) {
            a = CpuStorage.floats(first);
            aOff = (int) first.offset();
            b = CpuStorage.floats(second);
            bOff = (int) second.offset();
        }

        void clear() {
            a = null;
            b = null;
        }

        void ensureHeap(int threads) {
            if (inputs.length < threads) {
                inputs = new float[threads][strides.inImage()];
                outputs = new float[threads][strides.outImage()];
            }
        }

        @Override
        public PoolGeometry geometry() {
            return geometry;
        }

        @Override
        public void close() {
        }
    }
}
