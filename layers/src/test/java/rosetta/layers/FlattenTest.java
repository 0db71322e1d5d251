package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rosetta.layers.testing.LayerGradientCheck;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

class FlattenTest {
    private static final Backend CPU = new CpuBackend();

    @ParameterizedTest
    @CsvSource({"NCHW, NCHW", "NHWC, NHWC", "NHWC, NCHW", "NCHW, NHWC"})
    void gradientsMatchCentralDifferences(Layout layout, Layout featureOrder) {
        try (Flatten flatten = new Flatten("flat", layout, featureOrder);
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, layout.shape(2, 3, 2, 4), 1)) {
            assertEquals(Shape.of(2, 24), flatten.outputShape(x.shape()));
            LayerGradientCheck.check(flatten, x, true);
        }
    }

    @Test
    void sameOrderIsAViewOfTheInput() {
        try (Flatten flatten = new Flatten("flat", Layout.NCHW, Layout.NCHW);
             Tensor x = TestData.uniform(CPU, DType.FLOAT32, Shape.of(2, 3, 4, 4), 1)) {
            Tensor y = flatten.forward(x, true);
            assertEquals(Shape.of(2, 48), y.shape());
            assertSame(x.storage(), y.storage());
            assertSame(y.storage(), flatten.backward(y).storage());
        }
    }

    /** Views are kept for the tensors they were made of; another tensor (a last, smaller batch) gets its own. */
    @Test
    void anotherInputGetsItsOwnViews() {
        try (Flatten flatten = new Flatten("flat", Layout.NCHW, Layout.NCHW);
             Tensor full = TestData.uniform(CPU, DType.FLOAT32, Shape.of(2, 3, 4, 4), 1);
             Tensor last = TestData.uniform(CPU, DType.FLOAT32, Shape.of(1, 3, 4, 4), 2);
             Tensor dyLast = TestData.uniform(CPU, DType.FLOAT32, Shape.of(1, 48), 3)) {
            Tensor y = flatten.forward(full, true);
            assertSame(y, flatten.forward(full, true));
            Tensor yLast = flatten.forward(last, true);
            assertEquals(Shape.of(1, 48), yLast.shape());
            assertSame(last.storage(), yLast.storage());
            Tensor dx = flatten.backward(dyLast);
            assertEquals(Shape.of(1, 3, 4, 4), dx.shape());
            assertSame(dyLast.storage(), dx.storage());
        }
    }

    /** An NHWC batch flattened channel-major gives exactly the features of the same batch in NCHW. */
    @Test
    void nhwcGivesChannelMajorFeatures() {
        try (Flatten nchw = new Flatten("flat", Layout.NCHW, Layout.NCHW);
             Flatten nhwc = new Flatten("flat", Layout.NHWC, Layout.NCHW);
             Tensor x = TestData.of(CPU, Shape.of(1, 2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
             Tensor xt = CPU.allocate(DType.FLOAT64, Shape.of(1, 2, 2, 2))) {
            CPU.ops().layout().permute(x, xt, 0, 2, 3, 1);
            // channel 0 is 1..4, channel 1 is 5..8; NHWC memory interleaves them
            Tolerance.of(0, 0).assertClose(new double[] {1, 5, 2, 6, 3, 7, 4, 8}, xt.toDoubleArray(), "NHWC memory");
            Tensor y = nhwc.forward(xt, true);
            Tolerance.of(0, 0).assertClose(nchw.forward(x, true).toDoubleArray(), y.toDoubleArray(), "features");
            assertSame(y, nhwc.forward(xt, true));
            nhwc.computeInputGradient(false);
            assertNull(nhwc.backward(y));
        }
    }

    @Test
    void differentOrdersNeedAnImageBatch() {
        try (Flatten flatten = new Flatten("flat", Layout.NHWC, Layout.NCHW)) {
            assertEquals("flat expects a 4-D NHWC batch, got [2, 5, 3]",
                    assertThrows(IllegalArgumentException.class, () -> flatten.outputShape(Shape.of(2, 5, 3)))
                            .getMessage());
        }
    }
}
