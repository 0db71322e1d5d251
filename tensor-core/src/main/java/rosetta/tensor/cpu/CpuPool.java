package rosetta.tensor.cpu;

import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolOps;
import rosetta.tensor.ops.PoolPlan;

/**
 * Max pooling. Forward records where each window's maximum came from, so backward routes each gradient
 * straight there instead of searching the window again. Ties go to the first element in the window, a
 * NaN wins (as PyTorch's CPU kernel).
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
        Checks.shapeIs(xt, g.inputShape(), "max-pool input");
        Checks.shapeIs(yt, g.outputShape(), "max-pool output");
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
        Checks.shapeIs(dyt, p.geometry.outputShape(), "max-pool output gradient");
        Checks.shapeIs(dxt, p.geometry.inputShape(), "max-pool input gradient");
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

    private static final class Plan implements PoolPlan {
        private final PoolGeometry geometry;
        private final int[] argmax;

        Plan(PoolGeometry geometry) {
            this.geometry = geometry;
            this.argmax = new int[Math.toIntExact(geometry.outputShape().size())];
        }

        static Plan of(PoolPlan plan) {
            if (!(plan instanceof Plan p)) {
                throw new IllegalArgumentException("not a CPU pooling plan: " + plan);
            }
            return p;
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
