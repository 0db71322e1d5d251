package rosetta.reference.generator.formula;

/**
 * A GRU over a batch-first [N, T, I] sequence in double, in every form the reference files document,
 * with weights in this engine's form: weight_ih [3H, I], weight_hh [3H, H], bias_ih [3H], bias_hh [3H]
 * or none, gate blocks in the order named by {@code zrn} (Keras) or r, z, n otherwise.
 * <ul>
 * <li>gates: r, z = act(W_i x + b_i + W_h h (+ b_h)), act = sigmoid or hard_sigmoid clip(0.2 a + 0.5, 0, 1);
 * <li>reset after the matmul: n = tanh(W_in x + b_in + r * (W_hn h (+ b_hn))); before: n = tanh(W_in x + b_in
 *     + W_hn (r * h) (+ b_hn));
 * <li>update weighting the old state: h' = (1 - z) n + z h; weighting the candidate: h' = z n + (1 - z) h.
 * </ul>
 * Gradients of sum(y * dy) are central differences of this forward pass (step 1e-6, in double), which
 * is accurate to about 1e-9, far inside any float32 tolerance.
 */
final class GruMath {
    final int n;
    final int steps;
    final int in;
    final int hidden;
    final boolean zrn;
    final boolean resetAfter;
    final boolean candidateWeighted;
    final boolean hardSigmoid;

    GruMath(int n, int steps, int in, int hidden, boolean zrn, boolean resetAfter, boolean candidateWeighted,
            boolean hardSigmoid) {
        this.n = n;
        this.steps = steps;
        this.in = in;
        this.hidden = hidden;
        this.zrn = zrn;
        this.resetAfter = resetAfter;
        this.candidateWeighted = candidateWeighted;
        this.hardSigmoid = hardSigmoid;
    }

    /** y [N, T, H]; {@code biasHh} may be null (one bias set). */
    double[] forward(double[] x, double[] h0, double[] wih, double[] whh, double[] bih, double[] biasHh) {
        int hs = hidden;
        int rBlock = zrn ? 1 : 0;
        int zBlock = zrn ? 0 : 1;
        double[] y = new double[n * steps * hs];
        double[] h = h0.clone();
        for (int t = 0; t < steps; t++) {
            double[] next = new double[n * hs];
            for (int b = 0; b < n; b++) {
                double[] r = new double[hs];
                double[] z = new double[hs];
                for (int j = 0; j < hs; j++) {
                    r[j] = gate(affine(x, b, t, h, wih, whh, bih, biasHh, rBlock * hs + j, null));
                    z[j] = gate(affine(x, b, t, h, wih, whh, bih, biasHh, zBlock * hs + j, null));
                }
                for (int j = 0; j < hs; j++) {
                    int row = 2 * hs + j;
                    double candidate = Math.tanh(resetAfter
                            ? input(x, b, t, wih, bih, row) + r[j] * recurrent(h, b, whh, biasHh, row, null)
                            : input(x, b, t, wih, bih, row) + recurrent(h, b, whh, biasHh, row, r));
                    double old = h[b * hs + j];
                    next[b * hs + j] = candidateWeighted ? z[j] * candidate + (1 - z[j]) * old
                            : (1 - z[j]) * candidate + z[j] * old;
                }
            }
            h = next;
            for (int b = 0; b < n; b++) {
                System.arraycopy(h, b * hs, y, (b * steps + t) * hs, hs);
            }
        }
        return y;
    }

    private double gate(double a) {
        return hardSigmoid ? Math.min(1, Math.max(0, 0.2 * a + 0.5)) : 1 / (1 + Math.exp(-a));
    }

    private double affine(double[] x, int b, int t, double[] h, double[] wih, double[] whh, double[] bih,
            double[] bhh, int row, double[] reset) {
        return input(x, b, t, wih, bih, row) + recurrent(h, b, whh, bhh, row, reset);
    }

    private double input(double[] x, int b, int t, double[] wih, double[] bih, int row) {
        double s = bih[row];
        for (int i = 0; i < in; i++) {
            s += wih[row * in + i] * x[(b * steps + t) * in + i];
        }
        return s;
    }

    /** W_h[row] . (reset * h) + b_h[row]; {@code reset} null means no reset. */
    private double recurrent(double[] h, int b, double[] whh, double[] bhh, int row, double[] reset) {
        double s = bhh == null ? 0 : bhh[row];
        for (int j = 0; j < hidden; j++) {
            s += whh[row * hidden + j] * h[b * hidden + j] * (reset == null ? 1 : reset[j]);
        }
        return s;
    }

    /** d sum(y * dy) / d {@code arrays[which]}, by central differences. */
    double[] gradient(double[][] arrays, int which, double[] dy) {
        double step = 1e-6;
        double[] target = arrays[which];
        double[] g = new double[target.length];
        for (int i = 0; i < target.length; i++) {
            double saved = target[i];
            target[i] = saved + step;
            double up = dot(forward(arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5]), dy);
            target[i] = saved - step;
            double down = dot(forward(arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5]), dy);
            target[i] = saved;
            g[i] = (up - down) / (2 * step);
        }
        return g;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
