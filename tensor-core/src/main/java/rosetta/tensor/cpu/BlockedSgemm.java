package rosetta.tensor.cpu;

import java.nio.FloatBuffer;

/**
 * A cache-blocked SGEMM in plain Java. Panels of A and B are packed into heap arrays (contiguous, so the
 * JIT vectorises the inner loop), and four rows of C are updated per pass over a packed row of B, so each
 * load of B feeds four multiply-adds. One instance per thread: the packing buffers are reused.
 */
public final class BlockedSgemm implements Sgemm {
    private static final int KC = 256;
    private static final int NC = 512;
    private static final int MC = 64;
    private static final int MR = 4;

    private final float[] packedA = new float[MC * KC];
    private final float[] packedB = new float[KC * NC];
    private final float[][] rowsC = new float[MR][NC];

    @Override
    public String name() {
        return "java-blocked";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
            float beta, FloatBuffer c, int cOffset, int ldc) {
        scale(m, n, beta, c, cOffset, ldc);
        if (k == 0 || alpha == 0) {
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            for (int j0 = 0; j0 < n; j0 += NC) {
                int nc = Math.min(NC, n - j0);
                packB(transB, b, bOffset, ldb, p0, kc, j0, nc);
                for (int i0 = 0; i0 < m; i0 += MC) {
                    int mc = Math.min(MC, m - i0);
                    packA(transA, alpha, a, aOffset, lda, i0, mc, p0, kc);
                    multiplyBlock(mc, nc, kc, c, cOffset + i0 * ldc + j0, ldc);
                }
            }
        }
    }

    private static void scale(int m, int n, float beta, FloatBuffer c, int cOffset, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c.put(row + j, beta == 0 ? 0 : beta * c.get(row + j));
            }
        }
    }

    /** packedB[p][j] = op(B)[p0 + p][j0 + j], row length nc. */
    private void packB(boolean transB, FloatBuffer b, int off, int ldb, int p0, int kc, int j0, int nc) {
        for (int p = 0; p < kc; p++) {
            int dst = p * nc;
            if (transB) {
                for (int j = 0; j < nc; j++) {
                    packedB[dst + j] = b.get(off + (j0 + j) * ldb + p0 + p);
                }
            } else {
                b.get(off + (p0 + p) * ldb + j0, packedB, dst, nc);
            }
        }
    }

    /** packedA[i][p] = alpha op(A)[i0 + i][p0 + p], row length kc. */
    private void packA(boolean transA, float alpha, FloatBuffer a, int off, int lda, int i0, int mc, int p0, int kc) {
        for (int i = 0; i < mc; i++) {
            int dst = i * kc;
            for (int p = 0; p < kc; p++) {
                float v = transA ? a.get(off + (p0 + p) * lda + i0 + i) : a.get(off + (i0 + i) * lda + p0 + p);
                packedA[dst + p] = alpha * v;
            }
        }
    }

    private void multiplyBlock(int mc, int nc, int kc, FloatBuffer c, int cOffset, int ldc) {
        for (int i = 0; i < mc; i += MR) {
            int rows = Math.min(MR, mc - i);
            for (int r = 0; r < rows; r++) {
                c.get(cOffset + (i + r) * ldc, rowsC[r], 0, nc);
            }
            if (rows == MR) {
                fourRows(i, nc, kc);
            } else {
                for (int r = 0; r < rows; r++) {
                    oneRow(i + r, rowsC[r], nc, kc);
                }
            }
            for (int r = 0; r < rows; r++) {
                c.put(cOffset + (i + r) * ldc, rowsC[r], 0, nc);
            }
        }
    }

    private void fourRows(int i, int nc, int kc) {
        float[] c0 = rowsC[0];
        float[] c1 = rowsC[1];
        float[] c2 = rowsC[2];
        float[] c3 = rowsC[3];
        float[] pb = packedB;
        for (int p = 0; p < kc; p++) {
            float a0 = packedA[i * kc + p];
            float a1 = packedA[(i + 1) * kc + p];
            float a2 = packedA[(i + 2) * kc + p];
            float a3 = packedA[(i + 3) * kc + p];
            int bRow = p * nc;
            for (int j = 0; j < nc; j++) {
                float bv = pb[bRow + j];
                c0[j] += a0 * bv;
                c1[j] += a1 * bv;
                c2[j] += a2 * bv;
                c3[j] += a3 * bv;
            }
        }
    }

    private void oneRow(int i, float[] row, int nc, int kc) {
        for (int p = 0; p < kc; p++) {
            float av = packedA[i * kc + p];
            int bRow = p * nc;
            for (int j = 0; j < nc; j++) {
                row[j] += av * packedB[bRow + j];
            }
        }
    }
}
