package rosetta.reference.generator.cases;

import rosetta.reference.generator.Fixture;

/**
 * A small convolution: N=2 batch, C=3 in, K=4 out, a kh x kw kernel. {@code padding} is
 * {top, bottom, left, right}, or null for TensorFlow's SAME. {@code nchw} names the layout the
 * fixture's activations and weights are written in.
 */
public record ConvCase(String name, boolean nchw, int height, int width, int kernel, int stride, int[] padding) {
    public static final int N = 2;
    public static final int C = 3;
    public static final int K = 4;

    public static ConvCase explicit(String name, boolean nchw, int size, int stride, int pad) {
        return new ConvCase(name, nchw, size, size, 3, stride, new int[] {pad, pad, pad, pad});
    }

    /** SAME on a 6x5 input: at stride 2 the vertical padding is 0 before and 1 after, the horizontal 1 and 1. */
    public static ConvCase same(String name, boolean nchw, int stride) {
        return new ConvCase(name, nchw, 6, 5, 3, stride, null);
    }

    public boolean isSame() {
        return padding == null;
    }

    /** {top, bottom, left, right} as TensorFlow's SAME resolves them (GetWindowedOutputSizeVerbose). */
    public int[] resolvedPadding() {
        if (!isSame()) {
            return padding;
        }
        int[] v = Windows.samePadding(height, kernel, stride);
        int[] h = Windows.samePadding(width, kernel, stride);
        return new int[] {v[0], v[1], h[0], h[1]};
    }

    public int outHeight() {
        int[] p = resolvedPadding();
        return (height + p[0] + p[1] - kernel) / stride + 1;
    }

    public int outWidth() {
        int[] p = resolvedPadding();
        return (width + p[2] + p[3] - kernel) / stride + 1;
    }

    public int[] inputShape() {
        return nchw ? new int[] {N, C, height, width} : new int[] {N, height, width, C};
    }

    public int[] outputShape() {
        return nchw ? new int[] {N, K, outHeight(), outWidth()} : new int[] {N, outHeight(), outWidth(), K};
    }

    public int[] weightShape() {
        return nchw ? new int[] {K, C, kernel, kernel} : new int[] {K, kernel, kernel, C};
    }

    public String layout() {
        return nchw ? "NCHW" : "NHWC";
    }

    /** Writes the arguments every conv fixture states. */
    public Fixture describe(Fixture f, boolean flip) {
        f.arg("layout", layout()).arg("kernel", kernel, kernel).arg("stride", stride);
        if (isSame()) {
            f.arg("padding", "same");
        } else {
            f.arg("padding", padding);
        }
        return f.arg("flip", flip).arg("bias", true);
    }
}
