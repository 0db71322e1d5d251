package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rosetta.layers.init.Initializers;
import rosetta.layers.testing.LayerGradientCheck;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

class DenseTest {
    private static final Backend CPU = new CpuBackend();

    static DenseConfig config(String name, int in, int out, boolean bias) {
        return new DenseConfig(name, in, out, bias, Initializers.parse("glorot-uniform"),
                Initializers.parse("uniform(0.5)"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientsMatchCentralDifferences(boolean bias) {
        try (Dense dense = new Dense(CPU, DType.FLOAT64, config("fc", 5, 4, bias), RngStream.seeded(1));
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(3, 5), 2)) {
            LayerGradientCheck.check(dense, x, true);
            assertEquals(bias ? 2 : 1, dense.parameters().size());
        }
    }

    @Test
    void affineMapByHand() {
        try (Dense dense = new Dense(CPU, DType.FLOAT64, config("fc", 2, 3, true), RngStream.seeded(1));
             Tensor x = TestData.of(CPU, Shape.of(2, 2), 1, 2, -1, 0.5)) {
            Parameter weight = dense.parameters().get(0);
            assertEquals(Shape.of(3, 2), weight.value().shape());
            // W = [[1, 0], [0, 1], [1, 1]] (out x in), b = [0.5, -0.5, 0]
            CPU.copyFromHost(new double[] {1, 0, 0, 1, 1, 1}, 0, weight.value());
            CPU.copyFromHost(new double[] {0.5, -0.5, 0}, 0, dense.parameters().get(1).value());
            Tensor y = dense.forward(x, true);
            Tolerance.of(0, 0).assertClose(new double[] {1.5, 1.5, 3, -0.5, 0, -0.5}, y.toDoubleArray(), "x Wᵀ + b");
            assertSame(y, dense.forward(x, true));
            try (Tensor dy = TestData.of(CPU, Shape.of(2, 3), 1, 0, 0, 0, 0, 1)) {
                Tolerance.of(0, 0).assertClose(new double[] {1, 0, 1, 1}, dense.backward(dy).toDoubleArray(), "dy W");
                // dW = dyᵀ x
                Tolerance.of(0, 0).assertClose(new double[] {1, 2, 0, 0, -1, 0.5},
                        weight.gradient().toDoubleArray(), "dyᵀ x");
                Tolerance.of(0, 0).assertClose(new double[] {1, 0, 1},
                        dense.parameters().get(1).gradient().toDoubleArray(), "column sums of dy");
                dense.computeInputGradient(false);
                assertNull(dense.backward(dy));
            }
        }
    }

    @Test
    void pytorchDefaultBiasUsesTheWeightsFanIn() {
        DenseConfig cfg = new DenseConfig("fc1", 6400, 512, true, Initializers.parse("pytorch-default"),
                Initializers.parse("pytorch-default"));
        try (Dense dense = new Dense(CPU, DType.FLOAT32, cfg, RngStream.seeded(3))) {
            double max = 0;
            for (double b : dense.parameters().get(1).value().toDoubleArray()) {
                max = Math.max(max, Math.abs(b));
            }
            assertEquals(1 / 80.0, max, 0.01 / 80, "max |bias| against 1/sqrt(6400)");
        }
    }

    @Test
    void unflattenedInputGetsAHint() {
        try (Dense dense = new Dense(CPU, DType.FLOAT32, config("fc1", 6, 4, true), RngStream.seeded(1))) {
            assertEquals("fc1 expects [N, 6] (put a Flatten before it), got [2, 1, 2, 3]",
                    assertThrows(IllegalArgumentException.class, () -> dense.outputShape(Shape.of(2, 1, 2, 3)))
                            .getMessage());
            assertEquals("fc1 expects [N, 6], got [2, 5]",
                    assertThrows(IllegalArgumentException.class, () -> dense.outputShape(Shape.of(2, 5))).getMessage());
        }
    }
}
