package rosetta.tensor.cpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/** The blocked SGEMM against the reference loop, over every transpose and tails of every block size. */
class GemmTest {
    private final CpuBackend cpu = new CpuBackend();

    @ParameterizedTest
    @CsvSource({
        "1, 1, 1", "3, 5, 7", "4, 4, 4", "65, 513, 257", "70, 9, 300", "128, 1030, 3", "5, 600, 520"})
    void blockedMatchesReference(int m, int n, int k) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (double beta : new double[] {0, 1, 0.5}) {
                    compare(m, n, k, ta, tb, 1.5, beta);
                }
            }
        }
    }

    private void compare(int m, int n, int k, boolean ta, boolean tb, double alpha, double beta) {
        Shape sa = ta ? Shape.of(k, m) : Shape.of(m, k);
        Shape sb = tb ? Shape.of(n, k) : Shape.of(k, n);
        try (Tensor a = TestData.uniform(cpu, DType.FLOAT32, sa, 1);
             Tensor b = TestData.uniform(cpu, DType.FLOAT32, sb, 2);
             Tensor c = TestData.uniform(cpu, DType.FLOAT32, Shape.of(m, n), 3);
             Tensor a64 = TestData.convert(a, DType.FLOAT64);
             Tensor b64 = TestData.convert(b, DType.FLOAT64);
             Tensor c64 = TestData.convert(c, DType.FLOAT64)) {
            cpu.gemm(ta, tb, alpha, a, b, beta, c);
            cpu.gemm(ta, tb, alpha, a64, b64, beta, c64);
            Tolerance.of(1e-4 * Math.sqrt(k), 1e-5).assertClose(c64.toDoubleArray(), c.toDoubleArray(),
                    "C " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta);
        }
    }
}
