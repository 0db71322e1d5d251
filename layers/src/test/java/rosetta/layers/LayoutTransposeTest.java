package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

class LayoutTransposeTest {
    private static final Backend CPU = new CpuBackend();

    @ParameterizedTest
    @CsvSource({"NHWC, NCHW", "NCHW, NHWC"})
    void gradientsMatchCentralDifferences(Layout from, Layout to) {
        try (LayoutTranspose t = new LayoutTranspose("transpose", from, to);
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, from.shape(2, 3, 2, 4), 1)) {
            assertEquals(to.shape(2, 3, 2, 4), t.outputShape(x.shape()));
            LayerGradientCheck.check(t, x, true);
        }
    }

    @Test
    void nhwcToNchwByHand() {
        try (LayoutTranspose t = new LayoutTranspose("transpose", Layout.NHWC, Layout.NCHW);
             Tensor x = TestData.of(CPU, Shape.of(1, 1, 3, 2), 1, 2, 3, 4, 5, 6)) {
            Tensor y = t.forward(x, true);
            // one row of three pixels with two channels each: channel 0 is 1, 3, 5
            assertEquals(Shape.of(1, 2, 1, 3), y.shape());
            Tolerance.of(0, 0).assertClose(new double[] {1, 3, 5, 2, 4, 6}, y.toDoubleArray(), "NCHW");
            Tolerance.of(0, 0).assertClose(x.toDoubleArray(), t.backward(y).toDoubleArray(), "permuted back");
            t.computeInputGradient(false);
            assertNull(t.backward(y));
        }
    }

    @Test
    void sameLayoutsAreRefused() {
        assertEquals("transpose: from and to are both NCHW; leave the transpose out when the layouts agree",
                assertThrows(IllegalArgumentException.class,
                        () -> new LayoutTranspose("transpose", Layout.NCHW, Layout.NCHW)).getMessage());
    }
}
