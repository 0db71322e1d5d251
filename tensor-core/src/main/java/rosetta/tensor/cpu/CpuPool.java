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
            CpuBackend.of(xt).workers().forEach(g.batch(), p, CpuPool::forwardImages);
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
            CpuBackend.of(dxt).workers().forEach(p.geometry.batch(), p, CpuPool::backwardImages);
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

    /** Images [from, to): each window's maximum and where it is, channel by channel (NCHW) or pixel by pixel (NHWC). */
    private static void forwardImages(Plan p, int worker, int from, int to) {
        PoolGeometry g = p.geometry;
        boolean nchw = g.layout() == Layout.NCHW;
        int outer = nchw ? g.channels() : g.outHeight() * g.outWidth();
        int innerCount = nchw ? g.outHeight() * g.outWidth() : g.channels();
        for (int n = from; n < to; n++) {
            for (int a = 0; a < outer; a++) {
                for (int b = 0; b < innerCount; b++) {
                    int c = nchw ? a : b;
                    int pixel = nchw ? b : a;
                    window(p, g, n, c, pixel / g.outWidth(), pixel % g.outWidth());
                }
            }
        }
    }

    private static void window(Plan p, PoolGeometry g, int n, int c, int oh, int ow) {
        int best = -1;
        float max = Float.NEGATIVE_INFINITY;
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
                float v = p.a.get(p.aOff + at);
                if (best < 0 || v > max || v != v) {
                    best = at;
                    max = v;
                    if (v != v) {
                        break;
                    }
                }
            }
        }
        int out = index(g.layout(), g.channels(), g.outHeight(), g.outWidth(), n, c, oh, ow);
        p.argmax[out] = best;
        p.b.put(p.bOff + out, max);
    }

    /** Images [from, to) of dx: each output's gradient to its window's maximum, zero elsewhere. */
    private static void backwardImages(Plan p, int worker, int from, int to) {
        PoolGeometry g = p.geometry;
        int inImage = g.channels() * g.inHeight() * g.inWidth();
        int outImage = g.channels() * g.outHeight() * g.outWidth();
        FloatBuffer dx = p.a;
        FloatBuffer dy = p.b;
        if (p.tiles) {
            for (int out = from * outImage; out < to * outImage; out++) {
                int best = p.argmax[out];
                float grad = dy.get(p.bOff + out);
                int n = out / outImage;
                int rest = out % outImage;
                int c;
                int oh;
                int ow;
                if (g.layout() == Layout.NCHW) {
                    c = rest / (g.outHeight() * g.outWidth());
                    oh = rest / g.outWidth() % g.outHeight();
                    ow = rest % g.outWidth();
                } else {
                    c = rest % g.channels();
                    oh = rest / g.channels() / g.outWidth();
                    ow = rest / g.channels() % g.outWidth();
                }
                for (int r = 0; r < g.windowHeight(); r++) {
                    for (int s = 0; s < g.windowWidth(); s++) {
                        int at = index(g.layout(), g.channels(), g.inHeight(), g.inWidth(), n, c,
                                oh * g.strideHeight() + r, ow * g.strideWidth() + s);
                        dx.put(p.aOff + at, at == best ? grad : 0f);
                    }
                }
            }
            return;
        }
        for (int i = from * inImage; i < to * inImage; i++) {
            dx.put(p.aOff + i, 0f);
        }
        for (int out = from * outImage; out < to * outImage; out++) {
            int at = p.aOff + p.argmax[out];
            dx.put(at, dx.get(at) + dy.get(p.bOff + out));
        }
    }

    private static final class Plan implements PoolPlan {
        private final PoolGeometry geometry;
        private final int[] argmax;
        private final Shape inputShape;
        private final Shape outputShape;
        /** Every input element lies in exactly one window. */
        private final boolean tiles;
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

        @Override
        public PoolGeometry geometry() {
            return geometry;
        }

        @Override
        public void close() {
        }
    }
}
