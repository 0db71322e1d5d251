package rosetta.reference.generator;

/**
 * Reorders arrays between the frameworks' layouts and this engine's: activations NCHW/NHWC, conv
 * weights [K,C,kh,kw] (NCHW) or [K,kh,kw,C] (NHWC), where TensorFlow stores HWIO [kh,kw,C,K].
 */
public final class Layouts {
    private Layouts() {
    }

    /** Permutes a dense 4-D array: axis i of the result is axis {@code axes[i]} of {@code x}. */
    public static float[] permute(float[] x, int[] shape, int... axes) {
        int[] outShape = new int[4];
        for (int i = 0; i < 4; i++) {
            outShape[i] = shape[axes[i]];
        }
        int[] stride = {shape[1] * shape[2] * shape[3], shape[2] * shape[3], shape[3], 1};
        float[] out = new float[x.length];
        int o = 0;
        int[] idx = new int[4];
        for (idx[0] = 0; idx[0] < outShape[0]; idx[0]++) {
            for (idx[1] = 0; idx[1] < outShape[1]; idx[1]++) {
                for (idx[2] = 0; idx[2] < outShape[2]; idx[2]++) {
                    for (idx[3] = 0; idx[3] < outShape[3]; idx[3]++) {
                        int src = 0;
                        for (int i = 0; i < 4; i++) {
                            src += idx[i] * stride[axes[i]];
                        }
                        out[o++] = x[src];
                    }
                }
            }
        }
        return out;
    }

    public static int[] permuteShape(int[] shape, int... axes) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = shape[axes[i]];
        }
        return out;
    }

    /** [N,C,H,W] to [N,H,W,C]. */
    public static final int[] NCHW_TO_NHWC = {0, 2, 3, 1};
    /** [N,H,W,C] to [N,C,H,W]. */
    public static final int[] NHWC_TO_NCHW = {0, 3, 1, 2};
    /** HWIO [kh,kw,C,K] to [K,C,kh,kw]. */
    public static final int[] HWIO_TO_KCHW = {3, 2, 0, 1};
    /** HWIO [kh,kw,C,K] to [K,kh,kw,C]. */
    public static final int[] HWIO_TO_KHWC = {3, 0, 1, 2};
    /** [K,C,kh,kw] to HWIO. */
    public static final int[] KCHW_TO_HWIO = {2, 3, 1, 0};

    /** A row-major [rows, cols] matrix transposed. */
    public static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** Rows [from, from + count) of a row-major matrix with {@code cols} columns. */
    public static float[] rows(float[] m, int cols, int from, int count) {
        float[] out = new float[count * cols];
        System.arraycopy(m, from * cols, out, 0, out.length);
        return out;
    }

    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    public static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
