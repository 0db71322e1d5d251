package rosetta.tensor.cpu;

import java.nio.FloatBuffer;

/**
 * One GEMM split over the backend's threads: C is cut into column blocks (or row blocks when it is
 * taller than wide) and each thread multiplies its block with its own single-threaded kernel. The
 * reduction dimension is never split, so every element of C is summed in the same order whatever the
 * thread count. Small products run on the calling thread, where a dispatch would cost more than it saves.
 *
 * <p>Call from the backend's top level only: inside a parallel region each thread uses its own kernel.
 */
final class ThreadedSgemm implements Sgemm {
    /** Below this many multiply-adds per thread a split does not pay for the dispatch (about 10 us). */
    private static final long MIN_WORK_PER_THREAD = 1L << 19;

    private final Sgemm[] kernels;
    private final CpuThreads threads;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float alpha;
    private FloatBuffer a;
    private int aOffset;
    private int lda;
    private FloatBuffer b;
    private int bOffset;
    private int ldb;
    private float beta;
    private FloatBuffer c;
    private int cOffset;
    private int ldc;

    ThreadedSgemm(Sgemm[] kernels, CpuThreads threads) {
        this.kernels = kernels.clone();
        this.threads = threads;
    }

    @Override
    public String name() {
        return kernels[0].name();
    }

    @Override
    public synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
            float beta, FloatBuffer c, int cOffset, int ldc) {
        long work = (long) m * n * Math.max(k, 1);
        int parts = (int) Math.min(threads.count(), work / MIN_WORK_PER_THREAD);
        if (parts <= 1) {
            kernels[0].sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOffset = aOffset;
        this.lda = lda;
        this.b = b;
        this.bOffset = bOffset;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOffset = cOffset;
        this.ldc = ldc;
        boolean byRows = m > n;
        threads.forEach(byRows ? m : n, parts, this, byRows ? ThreadedSgemm::rows : ThreadedSgemm::columns);
        this.a = null;
        this.b = null;
        this.c = null;
    }

    /** C[:, from:to] = alpha op(A) op(B)[:, from:to] + beta C[:, from:to]. */
    private static void columns(ThreadedSgemm s, int worker, int from, int to) {
        int bStart = s.bOffset + (s.transB ? from * s.ldb : from);
        s.kernels[worker].sgemm(s.transA, s.transB, s.m, to - from, s.k, s.alpha, s.a, s.aOffset, s.lda,
                s.b, bStart, s.ldb, s.beta, s.c, s.cOffset + from, s.ldc);
    }

    /** C[from:to, :] = alpha op(A)[from:to, :] op(B) + beta C[from:to, :]. */
    private static void rows(ThreadedSgemm s, int worker, int from, int to) {
        int aStart = s.aOffset + (s.transA ? from : from * s.lda);
        s.kernels[worker].sgemm(s.transA, s.transB, to - from, s.n, s.k, s.alpha, s.a, aStart, s.lda,
                s.b, s.bOffset, s.ldb, s.beta, s.c, s.cOffset + from * s.ldc, s.ldc);
    }
}
