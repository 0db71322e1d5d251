package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.testing.LayerGradientCheck;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

class MaxPool2dTest {
    private static final Backend CPU = new CpuBackend();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            // the benchmark's 2x2 stride 2, and MXNet's / CNTK's stride 1 default
            cases.add(Arguments.of(layout, 6, 2, 2, Padding.none(), false, 3));
            cases.add(Arguments.of(layout, 6, 2, 1, Padding.none(), false, 5));
            // Chainer's cover_all rounding keeps a last, partial window: 5 -> 3
            cases.add(Arguments.of(layout, 5, 2, 2, Padding.none(), true, 3));
            cases.add(Arguments.of(layout, 5, 2, 2, Padding.none(), false, 2));
            // padded positions never win
            cases.add(Arguments.of(layout, 5, 3, 2, Padding.symmetric(1), false, 3));
            cases.add(Arguments.of(layout, 4, 2, 2, Padding.same(), true, 2));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputSizeAndGradients(Layout layout, int size, int window, int stride, Padding padding, boolean ceil,
            int outSize) {
        try (MaxPool2d pool = new MaxPool2d("pool", window, stride, padding, ceil, layout);
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, layout.shape(2, 3, size, size), 8)) {
            assertEquals(layout.shape(2, 3, outSize, outSize), pool.outputShape(x.shape()));
            LayerGradientCheck.check(pool, x, true);
        }
    }

    @Test
    void maximaByHand() {
        // 4x4 image 1..16, 2x2 windows at stride 2 keep each block's bottom-right value
        try (MaxPool2d pool = new MaxPool2d("pool", 2, 2, Padding.none(), false, Layout.NCHW);
             Tensor x = TestData.of(CPU, Shape.of(1, 1, 4, 4), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                     16);
             Tensor dy = TestData.of(CPU, Shape.of(1, 1, 2, 2), 1, 2, 3, 4)) {
            Tensor y = pool.forward(x, true);
            Tolerance.of(0, 0).assertClose(new double[] {6, 8, 14, 16}, y.toDoubleArray(), "maxima");
            assertSame(y, pool.forward(x, true));
            Tolerance.of(0, 0).assertClose(new double[] {0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4},
                    pool.backward(dy).toDoubleArray(), "routed gradient");
            pool.computeInputGradient(false);
            assertNull(pool.backward(dy));
        }
    }

    @Test
    void wrongInputGetsOneClearLine() {
        try (MaxPool2d pool = new MaxPool2d("pool1", 2, 2, Padding.none(), false, Layout.NCHW)) {
            assertEquals("pool1 expects a 4-D NCHW batch, got [64, 6400]",
                    assertThrows(IllegalArgumentException.class, () -> pool.outputShape(Shape.of(64, 6400)))
                            .getMessage());
            assertEquals("pool1: max-pool 2x2 stride 2 on 1x1 input leaves no output",
                    assertThrows(IllegalArgumentException.class, () -> pool.outputShape(Shape.of(1, 3, 1, 1)))
                            .getMessage());
        }
    }
}
