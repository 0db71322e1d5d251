package rosetta.tensor.cpu;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/**
 * Each SGEMM kernel, alone and split over two threads (rows or columns, whichever the backend picks),
 * against the FLOAT64 reference loop, over every transpose and the tails of every block size.
 */
class GemmTest {
    private static final CpuBackend OPENBLAS = new CpuBackend(OpenBlasSgemm::new, 1);
    private static final CpuBackend OPENBLAS_SPLIT = new CpuBackend(OpenBlasSgemm::new, 2);
    private static final CpuBackend BLOCKED = new CpuBackend(BlockedSgemm::new, 1);
    private static final CpuBackend BLOCKED_SPLIT = new CpuBackend(BlockedSgemm::new, 2);

    @AfterAll
    static void close() {
        Stream.of(OPENBLAS, OPENBLAS_SPLIT, BLOCKED, BLOCKED_SPLIT).forEach(CpuBackend::close);
    }

    static Stream<Arguments> cases() {
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {65, 513, 257}, {70, 9, 300}, {128, 1030, 3},
            {5, 600, 520}, {700, 90, 40}, {40, 300, 900}};
        Stream.Builder<Arguments> out = Stream.builder();
        // backends are passed by name: JUnit closes AutoCloseable arguments after each case
        for (String cpu : new String[] {"openblas", "openblas-split", "blocked", "blocked-split"}) {
            for (int[] s : sizes) {
                out.add(Arguments.of(cpu, s[0], s[1], s[2]));
            }
        }
        return out.build();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheReference(String name, int m, int n, int k) {
        CpuBackend cpu = switch (name) {
            case "openblas" -> OPENBLAS;
            case "openblas-split" -> OPENBLAS_SPLIT;
            case "blocked" -> BLOCKED;
            default -> BLOCKED_SPLIT;
        };
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (double beta : new double[] {0, 1, 0.5}) {
                    compare(cpu, m, n, k, ta, tb, 1.5, beta);
                }
            }
        }
    }

    private static void compare(CpuBackend cpu, int m, int n, int k, boolean ta, boolean tb, double alpha, double beta) {
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
                    cpu.description() + " C " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta);
        }
    }
}
