package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.Reduction;
import rosetta.tensor.testing.GradientCheck;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

class SoftmaxCrossEntropyTest {
    private static final Backend CPU = new CpuBackend();
    private static final Tolerance CLOSE = Tolerance.of(1e-12, 1e-12);

    /**
     * logits [[1, 2, 3], [1, 1, 1]], labels [2, 0]. Row 0: p = e^z / (e + e² + e³) = [0.0900306, 0.2447285,
     * 0.6652410], loss -ln 0.6652410 = ln(1 + e⁻¹ + e⁻²) = 0.4076060. Row 1: p = 1/3 each, loss ln 3 = 1.0986123.
     */
    @Test
    void twoByThreeByHand() {
        double[] p = {0.09003057317038046, 0.24472847105479767, 0.6652409557748219, 1 / 3.0, 1 / 3.0, 1 / 3.0};
        try (Tensor logits = TestData.of(CPU, Shape.of(2, 3), 1, 2, 3, 1, 1, 1);
             Tensor sparse = TestData.ints(CPU, Shape.of(2), 2, 0);
             Tensor oneHot = TestData.of(CPU, Shape.of(2, 3), 0, 0, 1, 1, 0, 0);
             SoftmaxCrossEntropy mean = new SoftmaxCrossEntropy(CPU, LossSpec.fusedMean());
             SoftmaxCrossEntropy sum = new SoftmaxCrossEntropy(CPU, new LossSpec(Reduction.SUM, 0))) {
            for (Tensor labels : new Tensor[] {sparse, oneHot}) {
                Tensor loss = mean.forward(logits, labels);
                assertEquals(Shape.of(1), loss.shape());
                CLOSE.assertClose(0.7531091265562451, loss.toDoubleArray()[0], "mean loss");
                CLOSE.assertClose(p, mean.probabilities().toDoubleArray(), "softmax");
                CLOSE.assertClose(new double[] {p[0] / 2, p[1] / 2, (p[2] - 1) / 2, (p[3] - 1) / 2, p[4] / 2, p[5] / 2},
                        mean.backward().toDoubleArray(), "(p - y) / N");
                CLOSE.assertClose(1.5062182531124901, sum.forward(logits, labels).toDoubleArray()[0], "summed loss");
                CLOSE.assertClose(new double[] {p[0], p[1], p[2] - 1, p[3] - 1, p[4], p[5]},
                        sum.backward().toDoubleArray(), "p - y");
            }
            assertSame(mean.forward(logits, sparse), mean.forward(logits, sparse));
        }
    }

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of(LossSpec.fusedMean(), true),
                Arguments.of(LossSpec.fusedMean(), false),
                Arguments.of(new LossSpec(Reduction.SUM, 0), true),
                Arguments.of(new LossSpec(Reduction.SUM, 0), false),
                Arguments.of(new LossSpec(Reduction.MEAN, LossSpec.KERAS_EPSILON), true),
                Arguments.of(new LossSpec(Reduction.MEAN, LossSpec.KERAS_EPSILON), false));
    }

    /**
     * Row 2's logits put class 2 at p ~ 1e-9 and row 3's put class 0 at p ~ 1 - 1e-9: under Keras's clip
     * both probabilities are clipped, so those labelled rows pass no gradient, and central differences agree.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void gradientsMatchCentralDifferences(LossSpec spec, boolean sparse) {
        try (Tensor logits = TestData.of(CPU, Shape.of(4, 3), 0.3, -0.2, 0.9, 1.5, 0.1, -1.1, 0, 1, -20, 21, 0, 0.5);
             Tensor labels = sparse ? TestData.ints(CPU, Shape.of(4), 2, 0, 2, 0)
                     : TestData.of(CPU, Shape.of(4, 3), 0, 0, 1, 0.3, 0.7, 0, 0, 0, 1, 1, 0, 0);
             SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(CPU, spec)) {
            loss.forward(logits, labels);
            Tensor grad = loss.backward();
            GradientCheck.check("dL/dlogits", logits, grad, () -> loss.forward(logits, labels).toDoubleArray()[0]);
            if (spec.probabilityClip() > 0) {
                double[] g = grad.toDoubleArray();
                CLOSE.assertClose(new double[] {0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(g, 6, 12),
                        "clipped rows");
            }
        }
    }

    @Test
    void mismatchedLabelsGetOneClearLine() {
        try (Tensor logits = CPU.allocate(DType.FLOAT32, Shape.of(4, 10));
             Tensor labels = CPU.allocate(DType.INT32, Shape.of(4, 10));
             SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(CPU, LossSpec.fusedMean())) {
            assertEquals("labels must be INT32 class indices [4] or a FLOAT32 one-hot matrix [4, 10], got [4, 10]"
                    + " INT32", assertThrows(IllegalArgumentException.class, () -> loss.forward(logits, labels))
                    .getMessage());
            assertEquals("loss backward called before forward",
                    assertThrows(IllegalStateException.class, loss::backward).getMessage());
        }
    }
}
