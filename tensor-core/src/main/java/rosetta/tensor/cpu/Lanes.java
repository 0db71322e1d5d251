package rosetta.tensor.cpu;

/**
 * Loops over many independent lanes (channels, or tiles times channels) that the JIT turns into vector
 * code. C2 vectorises a loop only when every array in it is indexed from the same offset, so operands are
 * separate rows indexed from 0, and each loop writes a single row.
 */
final class Lanes {
    private Lanes() {
    }

    /**
     * out[l] = sum over j of coef[j] * rows[first + j * stride][l], for l below n: one row of a small
     * matrix applied across lanes, one pass per non-zero coefficient.
     */
    static void combine(float[] coef, float[][] rows, int first, int stride, float[] out, int n) {
        boolean assigned = false;
        for (int j = 0; j < coef.length; j++) {
            float a = coef[j];
            if (a == 0) {
                continue;
            }
            float[] in = rows[first + j * stride];
            if (assigned) {
                for (int l = 0; l < n; l++) {
                    out[l] += a * in[l];
                }
            } else {
                for (int l = 0; l < n; l++) {
                    out[l] = a * in[l];
                }
                assigned = true;
            }
        }
        if (!assigned) {
            java.util.Arrays.fill(out, 0, n, 0f);
        }
    }

    /** out[l] += in[l]. */
    static void add(float[] in, float[] out, int n) {
        for (int l = 0; l < n; l++) {
            out[l] += in[l];
        }
    }
}
