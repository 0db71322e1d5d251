package rosetta.reference.generator.cases;

import rosetta.reference.generator.Fixture;

/**
 * A small max-pool over an N=2, C=3 batch. {@code strideGiven} is false where the fixture copies a
 * framework's default stride (the model left it unset), so a test reads that default from the dialect.
 * {@code same} is TensorFlow's SAME padding, otherwise no padding.
 */
public record PoolCase(String name, boolean nchw, int height, int width, int window, int stride,
        boolean strideGiven, boolean ceil, boolean same) {
    public static final int N = 2;
    public static final int C = 3;

    public int outHeight() {
        return same ? (height + stride - 1) / stride : Windows.pooledSize(height, window, stride, 0, ceil);
    }

    public int outWidth() {
        return same ? (width + stride - 1) / stride : Windows.pooledSize(width, window, stride, 0, ceil);
    }

    public int[] inputShape() {
        return nchw ? new int[] {N, C, height, width} : new int[] {N, height, width, C};
    }

    public int[] outputShape() {
        return nchw ? new int[] {N, C, outHeight(), outWidth()} : new int[] {N, outHeight(), outWidth(), C};
    }

    public String layout() {
        return nchw ? "NCHW" : "NHWC";
    }

    /** Writes the arguments every pool fixture states. */
    public Fixture describe(Fixture f) {
        return f.arg("layout", layout()).arg("window", window, window).arg("stride", stride)
                .arg("stride_given", strideGiven).arg("padding", same ? "same" : "none")
                .arg("rounding", ceil ? "ceil" : "floor");
    }
}
