package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rosetta.layers.testing.LayerGradientCheck;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

class ActivationLayerTest {
    private static final Backend CPU = new CpuBackend();

    @Test
    void reluByHand() {
        try (Relu relu = new Relu("relu1");
             Tensor x = TestData.of(CPU, Shape.of(2, 3), -2, -0.5, 0, 0.5, 2, 3);
             Tensor dy = TestData.of(CPU, Shape.of(2, 3), 1, 1, 1, 1, 1, 1)) {
            Tensor y = relu.forward(x, true);
            assertNotSame(x, y);
            Tolerance.of(0, 0).assertClose(new double[] {0, 0, 0, 0.5, 2, 3}, y.toDoubleArray(), "relu");
            Tolerance.of(0, 0).assertClose(new double[] {0, 0, 0, 1, 1, 1}, relu.backward(dy).toDoubleArray(),
                    "relu gradient");
            relu.computeInputGradient(false);
            assertNull(relu.backward(dy));
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientsMatchCentralDifferences(Activation kind) {
        try (ActivationLayer layer = new ActivationLayer("act", kind);
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 3, 4, 4), 21)) {
            LayerGradientCheck.check(layer, x, true);
        }
    }
}
