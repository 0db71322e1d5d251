package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rosetta.layers.init.Fans;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.GradientCheck;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

class EmbeddingTest {
    private static final CpuBackend CPU = new CpuBackend();

    private static Embedding layer(List<Fans> seen) {
        EmbeddingConfig config = new EmbeddingConfig("embed", 7, 3,
                TestInitializers.recording(TestInitializers.uniform(0.05), seen));
        return new Embedding(CPU, DType.FLOAT64, config, RngStream.seeded(3));
    }

    @Test
    void tableHasVocabularyFanInAndDimensionFanOut() {
        List<Fans> seen = new ArrayList<>();
        try (Embedding e = layer(seen)) {
            assertEquals(List.of(new Fans(7, 3, 7, 3)), seen);
            Parameter weight = e.parameters().get(0);
            assertEquals("weight", weight.name());
            assertEquals(ParamRole.EMBEDDING, weight.role());
            assertEquals(Shape.of(7, 3), weight.value().shape());
        }
    }

    @Test
    void forwardLooksUpRowsAndBackwardScattersIntoTheTable() {
        try (Embedding e = layer(new ArrayList<>());
             Tensor ids = TestData.ints(CPU, Shape.of(2, 3), 6, 0, 6, 2, 2, 2)) {
            double[] table = e.parameters().get(0).value().toDoubleArray();
            Tensor out = e.forward(ids, true);
            assertEquals(Shape.of(2, 3, 3), out.shape());
            double[] got = out.toDoubleArray();
            int[] id = {6, 0, 6, 2, 2, 2};
            for (int i = 0; i < id.length; i++) {
                for (int d = 0; d < 3; d++) {
                    assertEquals(table[id[i] * 3 + d], got[i * 3 + d]);
                }
            }
            try (Tensor dy = TestData.uniform(CPU, DType.FLOAT64, out.shape(), 4)) {
                assertNull(e.backward(dy));
                GradientCheck.check("embedding weight", e.parameters().get(0).value(),
                        e.parameters().get(0).gradient(), () -> CPU.dot(e.forward(ids, true), dy));
            }
        }
    }

    @Test
    void floatingInputIsRefused() {
        try (Embedding e = layer(new ArrayList<>());
             Tensor x = CPU.allocate(DType.FLOAT32, Shape.of(2, 3))) {
            var error = assertThrows(IllegalArgumentException.class, () -> e.forward(x, true));
            assertEquals("embed expects INT32 token ids, got FLOAT32", error.getMessage());
        }
    }

    @Test
    void float32TableHoldsTheDrawnValuesRounded() {
        try (Embedding single = new Embedding(CPU, DType.FLOAT32,
                new EmbeddingConfig("e", 7, 3, TestInitializers.uniform(0.05)), RngStream.seeded(3));
             Embedding dbl = new Embedding(CPU, DType.FLOAT64,
                new EmbeddingConfig("e", 7, 3, TestInitializers.uniform(0.05)), RngStream.seeded(3))) {
            Tolerance.of(1e-9, 1e-7).assertClose(dbl.parameters().get(0).value().toDoubleArray(),
                    single.parameters().get(0).value().toDoubleArray(), "weight");
        }
    }
}
