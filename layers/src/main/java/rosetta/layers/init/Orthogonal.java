package rosetta.layers.init;

import rosetta.tensor.random.RngStream;

/**
 * Keras's {@code Orthogonal(gain)}, the default for GRU and LSTM recurrent kernels: a Gaussian matrix over
 * the whole rows x cols view made orthogonal, times gain; its rows are orthonormal when rows <= cols,
 * its columns otherwise (keras/initializers.py Orthogonal @2.1.6). Keras takes U or V of an SVD; this
 * takes Q of a sign-fixed QR, which has the same (Haar) distribution. For a GRU's stacked [3H, H]
 * recurrent matrix only the whole is orthogonal, not each gate's block, as in Keras.
 */
public final class Orthogonal implements Initializer {
    private final double gain;

    public Orthogonal(double gain) {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("orthogonal(gain) needs a positive, finite gain, got " + gain);
        }
        this.gain = gain;
    }

    public double gain() {
        return gain;
    }

    @Override
    public void fill(double[] values, Fans fans, RngStream rng) {
        int rows = fans.rows();
        int cols = fans.cols();
        boolean tall = rows >= cols;
        double[] gaussian = new double[rows * cols];
        Distribution.NORMAL.fill(gaussian, 1, rng);
        // for a wide result the i.i.d. draws are read as the tall Aᵀ (cols x rows), whose orthonormal
        // columns become the result's rows
        double[] q = HouseholderQr.orthonormalColumns(gaussian, tall ? rows : cols, tall ? cols : rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = gain * (tall ? q[r * cols + c] : q[c * rows + r]);
            }
        }
    }

    @Override
    public String spec() {
        return gain == 1 ? "orthogonal" : "orthogonal(" + Initializers.format(gain) + ")";
    }

    @Override
    public String toString() {
        return spec();
    }
}
