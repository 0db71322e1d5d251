package rosetta.tensor.cpu;

/** The plain triple loop: the oracle every fast GEMM is tested against, and the FLOAT64 path. */
final class ReferenceGemm {
    private ReferenceGemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Elements a, Elements b,
            double beta, Elements c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a.get(p * m + i) : a.get(i * k + p);
                    double bv = transB ? b.get(j * k + p) : b.get(p * n + j);
                    acc += av * bv;
                }
                double old = beta == 0 ? 0 : beta * c.get(i * n + j);
                c.set(i * n + j, alpha * acc + old);
            }
        }
    }
}
