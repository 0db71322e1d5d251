package rosetta.reference.generator.formula;

/**
 * Softmax cross-entropy over [N, C] logits with one-hot (or probability) targets, in double. With
 * {@code clip} > 0 it is Keras's softmax + categorical_crossentropy: probabilities clipped to
 * [clip, 1 - clip] before the log, a clipped probability passing no gradient
 * (keras/backend/tensorflow_backend.py categorical_crossentropy @2.1.6, which clips with
 * tf.clip_by_value); otherwise the fused log-softmax form.
 */
final class LossMath {
    private LossMath() {
    }

    static double[] softmax(double[] z, int n, int c) {
        double[] p = new double[n * c];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, z[i * c + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                p[i * c + j] = Math.exp(z[i * c + j] - max);
                sum += p[i * c + j];
            }
            for (int j = 0; j < c; j++) {
                p[i * c + j] /= sum;
            }
        }
        return p;
    }

    /** The reduced loss (index 0) followed by dL/dz (N x C values). */
    static double[] lossAndGradient(double[] z, double[] targets, int n, int c, boolean mean, double clip) {
        double[] p = softmax(z, n, c);
        double[] out = new double[1 + n * c];
        double scale = mean ? 1.0 / n : 1.0;
        for (int i = 0; i < n; i++) {
            // dL/dp_j = -t_j / p_j where p_j is not clipped; chained through the softmax Jacobian.
            double[] dp = new double[c];
            for (int j = 0; j < c; j++) {
                double pj = p[i * c + j];
                double clipped = clip > 0 ? Math.min(Math.max(pj, clip), 1 - clip) : pj;
                double t = targets[i * c + j];
                out[0] -= scale * t * (clip > 0 ? Math.log(clipped) : logSoftmax(z, i, j, c));
                boolean passes = clip == 0 || (pj > clip && pj < 1 - clip);
                dp[j] = passes ? -t / pj : 0;
            }
            for (int j = 0; j < c; j++) {
                double g = 0;
                for (int m = 0; m < c; m++) {
                    double pm = p[i * c + m];
                    g += dp[m] * pm * ((m == j ? 1 : 0) - p[i * c + j]);
                }
                out[1 + i * c + j] = scale * g;
            }
        }
        return out;
    }

    private static double logSoftmax(double[] z, int i, int j, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < c; m++) {
            max = Math.max(max, z[i * c + m]);
        }
        double sum = 0;
        for (int m = 0; m < c; m++) {
            sum += Math.exp(z[i * c + m] - max);
        }
        return z[i * c + j] - max - Math.log(sum);
    }
}
