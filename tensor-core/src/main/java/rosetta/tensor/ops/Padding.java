package rosetta.tensor.ops;

/**
 * How a window (convolution kernel or pooling window) is padded along one spatial axis: explicit
 * before/after amounts, or TensorFlow's SAME, whose total is split with the odd pixel after
 * (bottom/right), as {@code GetWindowedOutputSizeVerbose} does and Caffe2's {@code legacy_pad=SAME}.
 */
public record Padding(Mode mode, int top, int bottom, int left, int right) {

    public enum Mode { EXPLICIT, SAME }

    public static Padding none() {
        return explicit(0, 0, 0, 0);
    }

    public static Padding symmetric(int p) {
        return explicit(p, p, p, p);
    }

    public static Padding explicit(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must not be negative");
        }
        return new Padding(Mode.EXPLICIT, top, bottom, left, right);
    }

    /** TensorFlow 'SAME': output = ceil(input / stride); amounts depend on the input size. */
    public static Padding same() {
        return new Padding(Mode.SAME, 0, 0, 0, 0);
    }

    /** {before, after} along the vertical axis for an input of {@code size}. */
    public int[] vertical(int size, int kernel, int stride) {
        return mode == Mode.SAME ? sameSplit(size, kernel, stride) : new int[] {top, bottom};
    }

    /** {before, after} along the horizontal axis for an input of {@code size}. */
    public int[] horizontal(int size, int kernel, int stride) {
        return mode == Mode.SAME ? sameSplit(size, kernel, stride) : new int[] {left, right};
    }

    private static int[] sameSplit(int size, int kernel, int stride) {
        int out = (size + stride - 1) / stride;
        int total = Math.max(0, (out - 1) * stride + kernel - size);
        return new int[] {total / 2, total - total / 2};
    }

    @Override
    public String toString() {
        if (mode == Mode.SAME) {
            return "same";
        }
        if (top == bottom && bottom == left && left == right) {
            return Integer.toString(top);
        }
        return "(" + top + "," + bottom + "," + left + "," + right + ")";
    }
}
