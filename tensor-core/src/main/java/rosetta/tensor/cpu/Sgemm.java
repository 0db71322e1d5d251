package rosetta.tensor.cpu;

import java.nio.FloatBuffer;

/**
 * Single-precision GEMM on row-major matrices in CPU memory: C = alpha op(A) op(B) + beta C, op(A) [m, k],
 * op(B) [k, n]. Leading dimensions are the row strides of the stored (untransposed) matrices.
 */
public interface Sgemm {
    /** Shown in reports, e.g. {@code java-blocked} or {@code openblas}. */
    String name();

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
            float beta, FloatBuffer c, int cOffset, int ldc);
}
