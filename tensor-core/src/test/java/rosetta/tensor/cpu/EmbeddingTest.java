package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.testing.GradientCheck;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/** Gather, scatter-add with repeated ids, the table's gradient against finite differences, bad ids. */
class EmbeddingTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final Tolerance EXACT = Tolerance.of(0, 0);

    /** Table rows (i, 10 + i) for i = 0..3. */
    private static Tensor table() {
        return TestData.of(CPU, Shape.of(4, 2), 0, 10, 1, 11, 2, 12, 3, 13);
    }

    @Test
    void forwardGathersTheRowOfEachId() {
        try (Tensor ids = TestData.ints(CPU, Shape.of(2, 3), 3, 0, 3, 1, 2, 0);
             Tensor table = table();
             Tensor out = CPU.allocate(DType.FLOAT64, Shape.of(2, 3, 2))) {
            CPU.ops().embedding().forward(ids, table, out);
            EXACT.assertClose(new double[] {3, 13, 0, 10, 3, 13, 1, 11, 2, 12, 0, 10}, out.toDoubleArray(), "out");
        }
    }

    @Test
    void backwardSumsTheRowsOfRepeatedIdsAndZeroesTheRest() {
        try (Tensor ids = TestData.ints(CPU, Shape.of(2, 2), 1, 3, 1, 1);
             Tensor dOut = TestData.of(CPU, Shape.of(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
             Tensor dTable = TestData.of(CPU, Shape.of(4, 2), 9, 9, 9, 9, 9, 9, 9, 9)) {
            CPU.ops().embedding().backward(ids, dOut, dTable);
            // id 1 at positions 0, 2, 3: (1 + 5 + 7, 2 + 6 + 8); id 3 at position 1: (3, 4)
            EXACT.assertClose(new double[] {0, 0, 13, 16, 0, 0, 3, 4}, dTable.toDoubleArray(), "dTable");
        }
    }

    @Test
    void tableGradientMatchesFiniteDifferences() {
        try (Tensor ids = TestData.ints(CPU, Shape.of(2, 5), 0, 4, 4, 2, 0, 1, 4, 2, 2, 4);
             Tensor table = TestData.uniform(CPU, DType.FLOAT64, Shape.of(6, 3), 1);
             Tensor out = CPU.allocate(DType.FLOAT64, Shape.of(2, 5, 3));
             Tensor weights = TestData.uniform(CPU, DType.FLOAT64, out.shape(), 2);
             Tensor dTable = CPU.allocate(DType.FLOAT64, table.shape())) {
            CPU.ops().embedding().backward(ids, weights, dTable);
            GradientCheck.check("dTable", table, dTable, () -> {
                CPU.ops().embedding().forward(ids, table, out);
                return CPU.dot(out, weights);
            });
        }
    }

    @Test
    void anIdOutsideTheVocabularyIsNamed() {
        try (Tensor ids = TestData.ints(CPU, Shape.of(1, 3), 2, 4, 0);
             Tensor table = table();
             Tensor out = CPU.allocate(DType.FLOAT64, Shape.of(1, 3, 2))) {
            var e = assertThrows(IllegalArgumentException.class, () -> CPU.ops().embedding().forward(ids, table, out));
            assertEquals("token id 4 at position 1 is outside the embedding's vocabulary [0, 4); enlarge the"
                    + " vocabulary or map rare words to an out-of-vocabulary id", e.getMessage());
            CPU.copyFromHost(new int[] {-1, 0, 0}, 0, ids);
            assertThrows(IllegalArgumentException.class, () -> CPU.ops().embedding().backward(ids, out, table));
        }
    }
}
