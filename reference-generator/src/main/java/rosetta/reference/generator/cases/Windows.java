package rosetta.reference.generator.cases;

/** Output sizes and padding of sliding windows, as the frameworks define them. */
public final class Windows {
    private Windows() {
    }

    /**
     * TensorFlow SAME: output ceil(n/s), total padding max(0, (out-1)s + k - n), the odd pixel after
     * (tensorflow/core/framework/common_shape_fns.cc GetWindowedOutputSizeVerbose @v1.4.0).
     */
    public static int[] samePadding(int size, int kernel, int stride) {
        int out = (size + stride - 1) / stride;
        int total = Math.max(0, (out - 1) * stride + kernel - size);
        return new int[] {total / 2, total - total / 2};
    }

    /** floor((n + 2p - k) / s) + 1, or with {@code ceil} the rounded-up count. */
    public static int pooledSize(int size, int window, int stride, int pad, boolean ceil) {
        int span = size + 2 * pad - window;
        return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
    }
}
