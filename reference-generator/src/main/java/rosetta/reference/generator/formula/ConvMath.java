package rosetta.reference.generator.formula;

/**
 * NCHW convolution in plain double loops: y[n,k,i,j] = b[k] + sum over c, u, v of
 * x[n, c, i s + u - pad_top, j s + v - pad_left] w'[k, c, u, v], where w' is the kernel as given
 * (cross-correlation) or rotated by 180 degrees (true convolution, {@code flip}), and its three
 * gradients for an upstream dy. Weights [K, C, kh, kw]; padding {top, bottom, left, right}.
 */
final class ConvMath {
    final int n;
    final int c;
    final int h;
    final int w;
    final int k;
    final int kh;
    final int kw;
    final int stride;
    final int[] pad;
    final boolean flip;
    final int oh;
    final int ow;

    ConvMath(int[] xShape, int[] wShape, int stride, int[] pad, boolean flip) {
        this.n = xShape[0];
        this.c = xShape[1];
        this.h = xShape[2];
        this.w = xShape[3];
        this.k = wShape[0];
        this.kh = wShape[2];
        this.kw = wShape[3];
        this.stride = stride;
        this.pad = pad;
        this.flip = flip;
        this.oh = (h + pad[0] + pad[1] - kh) / stride + 1;
        this.ow = (w + pad[2] + pad[3] - kw) / stride + 1;
    }

    int[] outputShape() {
        return new int[] {n, k, oh, ow};
    }

    private int weightIndex(int kk, int cc, int u, int v) {
        int uu = flip ? kh - 1 - u : u;
        int vv = flip ? kw - 1 - v : v;
        return ((kk * c + cc) * kh + uu) * kw + vv;
    }

    /** Calls {@code visit} for every (output index, input index, weight index) product of the sum. */
    private void forEachTap(Tap visit) {
        for (int b = 0; b < n; b++) {
            for (int kk = 0; kk < k; kk++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int out = ((b * k + kk) * oh + i) * ow + j;
                        for (int cc = 0; cc < c; cc++) {
                            for (int u = 0; u < kh; u++) {
                                int row = i * stride + u - pad[0];
                                if (row < 0 || row >= h) {
                                    continue;
                                }
                                for (int v = 0; v < kw; v++) {
                                    int col = j * stride + v - pad[2];
                                    if (col < 0 || col >= w) {
                                        continue;
                                    }
                                    visit.tap(out, ((b * c + cc) * h + row) * w + col, weightIndex(kk, cc, u, v));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    double[] forward(double[] x, double[] weight, double[] bias) {
        double[] y = new double[n * k * oh * ow];
        for (int i = 0; i < y.length; i++) {
            y[i] = bias[(i / (oh * ow)) % k];
        }
        forEachTap((out, in, wi) -> y[out] += x[in] * weight[wi]);
        return y;
    }

    double[] backwardData(double[] dy, double[] weight) {
        double[] dx = new double[n * c * h * w];
        forEachTap((out, in, wi) -> dx[in] += dy[out] * weight[wi]);
        return dx;
    }

    double[] backwardFilter(double[] x, double[] dy) {
        double[] dw = new double[k * c * kh * kw];
        forEachTap((out, in, wi) -> dw[wi] += dy[out] * x[in]);
        return dw;
    }

    double[] backwardBias(double[] dy) {
        double[] db = new double[k];
        for (int i = 0; i < dy.length; i++) {
            db[(i / (oh * ow)) % k] += dy[i];
        }
        return db;
    }

    private interface Tap {
        void tap(int out, int in, int weight);
    }
}
