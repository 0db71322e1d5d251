package rosetta.layers.init;

/**
 * The orthonormal factor of a thin QR decomposition by Householder reflections, with each column's
 * sign chosen so that R has a positive diagonal. That sign fix makes Q of a Gaussian matrix uniformly
 * (Haar) distributed; without it the reflections would bias every column's sign.
 */
final class HouseholderQr {
    private HouseholderQr() {
    }

    /**
     * Q (m x n, orthonormal columns) of the row-major m x n matrix {@code a}, m >= n. {@code a} is
     * overwritten.
     */
    static double[] orthonormalColumns(double[] a, int m, int n) {
        if (m < n) {
            throw new IllegalArgumentException("thin QR needs rows >= columns, got " + m + " x " + n);
        }
        double[][] reflectors = new double[n][];
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm += a[i * n + j] * a[i * n + j];
            }
            norm = Math.sqrt(norm);
            // reflect x onto -sign(x_0)·|x|·e_0, the choice that avoids cancellation in v_0 = x_0 - alpha
            double alpha = a[j * n + j] > 0 ? -norm : norm;
            diagonal[j] = alpha;
            double[] v = new double[m - j];
            for (int i = j; i < m; i++) {
                v[i - j] = a[i * n + j];
            }
            v[0] -= alpha;
            double vNorm = 0;
            for (double e : v) {
                vNorm += e * e;
            }
            vNorm = Math.sqrt(vNorm);
            if (vNorm > 0) {
                for (int i = 0; i < v.length; i++) {
                    v[i] /= vNorm;
                }
                reflect(v, a, j, j, n);
                reflectors[j] = v;
            }
        }
        // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity, last reflector first;
        // H_j touches rows >= j only, where columns < j are still zero, so it starts at column j
        double[] q = new double[m * n];
        for (int j = 0; j < n; j++) {
            q[j * n + j] = 1;
        }
        for (int j = n - 1; j >= 0; j--) {
            if (reflectors[j] != null) {
                reflect(reflectors[j], q, j, j, n);
            }
        }
        for (int j = 0; j < n; j++) {
            if (diagonal[j] < 0) {
                for (int i = 0; i < m; i++) {
                    q[i * n + j] = -q[i * n + j];
                }
            }
        }
        return q;
    }

    /** Applies I - 2 u uᵀ (u a unit vector) to rows {@code row0..} and columns {@code col0..} of {@code x}. */
    private static void reflect(double[] u, double[] x, int row0, int col0, int n) {
        for (int c = col0; c < n; c++) {
            double dot = 0;
            for (int i = 0; i < u.length; i++) {
                dot += u[i] * x[(row0 + i) * n + c];
            }
            for (int i = 0; i < u.length; i++) {
                x[(row0 + i) * n + c] -= 2 * dot * u[i];
            }
        }
    }
}
