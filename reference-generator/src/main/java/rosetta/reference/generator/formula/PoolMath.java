package rosetta.reference.generator.formula;

/**
 * NCHW max pooling without padding in plain loops; the gradient goes to each window's maximum.
 * {@code ceil} counts the last partial window (floor((n - k + s - 1) / s) + 1, Chainer's cover_all).
 */
final class PoolMath {
    final int n;
    final int c;
    final int h;
    final int w;
    final int window;
    final int stride;
    final int oh;
    final int ow;

    PoolMath(int[] xShape, int window, int stride, boolean ceil) {
        this.n = xShape[0];
        this.c = xShape[1];
        this.h = xShape[2];
        this.w = xShape[3];
        this.window = window;
        this.stride = stride;
        this.oh = size(h, ceil);
        this.ow = size(w, ceil);
    }

    private int size(int in, boolean ceil) {
        int span = in - window;
        return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
    }

    int[] outputShape() {
        return new int[] {n, c, oh, ow};
    }

    /** The flat input index of each output's maximum. */
    int[] argmax(double[] x) {
        int[] at = new int[n * c * oh * ow];
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int best = -1;
                    for (int u = i * stride; u < Math.min(i * stride + window, h); u++) {
                        for (int v = j * stride; v < Math.min(j * stride + window, w); v++) {
                            int idx = (plane * h + u) * w + v;
                            if (best < 0 || x[idx] > x[best]) {
                                best = idx;
                            }
                        }
                    }
                    at[(plane * oh + i) * ow + j] = best;
                }
            }
        }
        return at;
    }

    double[] forward(double[] x) {
        int[] at = argmax(x);
        double[] y = new double[at.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[at[i]];
        }
        return y;
    }

    double[] backward(double[] x, double[] dy) {
        int[] at = argmax(x);
        double[] dx = new double[x.length];
        for (int i = 0; i < at.length; i++) {
            dx[at[i]] += dy[i];
        }
        return dx;
    }
}
