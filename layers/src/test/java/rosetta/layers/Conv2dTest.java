package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.init.Initializers;
import rosetta.layers.testing.LayerGradientCheck;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

class Conv2dTest {
    private static final Backend CPU = new CpuBackend();

    static ConvConfig config(String name, int c, int k, int kh, int kw, int stride, Padding padding, boolean bias,
            boolean flip, Layout layout) {
        return new ConvConfig(name, c, k, kh, kw, stride, padding, bias, flip, layout,
                Initializers.parse("glorot-uniform"), Initializers.parse("uniform(0.5)"), AlgorithmPolicy.defaults());
    }

    static Stream<Arguments> gradientCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            // stride 1, no padding, non-square kernel
            cases.add(Arguments.of(layout, 5, 6, 2, 3, 1, Padding.none(), true, false));
            // stride 1, padding 1, true convolution, no bias
            cases.add(Arguments.of(layout, 5, 5, 3, 3, 1, Padding.symmetric(1), false, true));
            // stride 2 SAME on an even input: one pixel of padding, after only
            cases.add(Arguments.of(layout, 6, 6, 3, 3, 2, Padding.same(), true, false));
            // stride 2, padding 1, true convolution
            cases.add(Arguments.of(layout, 5, 6, 3, 3, 2, Padding.symmetric(1), true, true));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("gradientCases")
    void gradientsMatchCentralDifferences(Layout layout, int h, int w, int kh, int kw, int stride, Padding padding,
            boolean bias, boolean flip) {
        ConvConfig cfg = config("conv", 2, 3, kh, kw, stride, padding, bias, flip, layout);
        try (Conv2d conv = new Conv2d(CPU, DType.FLOAT64, cfg, RngStream.seeded(1));
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, layout.shape(2, 2, h, w), 2)) {
            LayerGradientCheck.check(conv, x, true);
            assertEquals(bias ? 2 : 1, conv.parameters().size());
        }
    }

    @Test
    void samePadsAfterOnlyAtStrideTwo() {
        try (Conv2d conv = new Conv2d(CPU, DType.FLOAT64, config("conv", 1, 1, 3, 3, 2, Padding.same(), false, false,
                Layout.NCHW), RngStream.seeded(1))) {
            CPU.fill(conv.parameters().get(0).value(), 1);
            // 4x4 input of ones: SAME pads one row/column after, so the last window sums 2x2 real pixels
            try (Tensor x = TestData.of(CPU, Shape.of(1, 1, 4, 4), ones(16))) {
                assertEquals(List.of(9.0, 6.0, 6.0, 4.0), boxed(conv.forward(x, false).toDoubleArray()));
            }
        }
    }

    @Test
    void crossCorrelationAndTrueConvolutionByHand() {
        // input 1..9 as a 3x3 image, kernel [[1, 2], [3, 4]], bias 0.5
        for (boolean flip : new boolean[] {false, true}) {
            ConvConfig cfg = config("conv", 1, 1, 2, 2, 1, Padding.none(), true, flip, Layout.NCHW);
            try (Conv2d conv = new Conv2d(CPU, DType.FLOAT64, cfg, RngStream.seeded(1));
                 Tensor x = TestData.of(CPU, Shape.of(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9)) {
                CPU.copyFromHost(new double[] {1, 2, 3, 4}, 0, conv.parameters().get(0).value());
                CPU.fill(conv.parameters().get(1).value(), 0.5);
                double[] y = conv.forward(x, false).toDoubleArray();
                // correlation: 1·1 + 2·2 + 3·4 + 4·5 = 37 at the top left; convolution uses [[4, 3], [2, 1]]: 23
                double[] expected = flip ? new double[] {23.5, 33.5, 53.5, 63.5} : new double[] {37.5, 47.5, 67.5, 77.5};
                Tolerance.of(1e-12, 0).assertClose(expected, y, flip ? "convolution" : "correlation");
            }
        }
    }

    @Test
    void sameSeedGivesTheSameConvolutionInBothLayouts() {
        try (Conv2d nchw = new Conv2d(CPU, DType.FLOAT64, config("conv1", 3, 4, 3, 3, 1, Padding.symmetric(1), true,
                     false, Layout.NCHW), RngStream.seeded(7));
             Conv2d nhwc = new Conv2d(CPU, DType.FLOAT64, config("conv1", 3, 4, 3, 3, 1, Padding.symmetric(1), true,
                     false, Layout.NHWC), RngStream.seeded(7));
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 3, 5, 5), 3);
             Tensor xt = CPU.allocate(DType.FLOAT64, Shape.of(2, 5, 5, 3));
             Tensor yt = CPU.allocate(DType.FLOAT64, Shape.of(2, 4, 5, 5))) {
            assertEquals(Shape.of(4, 3, 3, 3), nchw.parameters().get(0).value().shape());
            assertEquals(Shape.of(4, 3, 3, 3), nhwc.parameters().get(0).value().shape());
            CPU.ops().layout().permute(x, xt, 0, 2, 3, 1);
            double[] expected = nchw.forward(x, false).toDoubleArray();
            CPU.ops().layout().permute(nhwc.forward(xt, false), yt, 0, 3, 1, 2);
            Tolerance.of(1e-12, 1e-12).assertClose(expected, yt.toDoubleArray(), "NHWC output in NCHW order");
        }
    }

    @Test
    void parametersAreNamedShapedAndInitialisedAsConfigured() {
        ConvConfig cfg = new ConvConfig("conv1", 64, 128, 3, 3, 1, Padding.symmetric(1), true, false, Layout.NHWC,
                Initializers.parse("pytorch-default"), Initializers.parse("pytorch-default"), AlgorithmPolicy.defaults());
        try (Conv2d conv = new Conv2d(CPU, DType.FLOAT32, cfg, RngStream.seeded(5))) {
            Parameter weight = conv.parameters().get(0);
            Parameter bias = conv.parameters().get(1);
            assertEquals("conv1.weight", weight.name());
            assertEquals(ParamRole.WEIGHT, weight.role());
            assertEquals(Shape.of(128, 3, 3, 64), weight.value().shape());
            assertEquals("conv1.bias", bias.name());
            assertEquals(ParamRole.BIAS, bias.role());
            assertEquals("pytorch-default", bias.initializer());
            // PyTorch 0.x: the bias uses the weight's fan_in = 64·3·3, b = 1/24
            double max = Arrays.stream(bias.value().toDoubleArray()).map(Math::abs).max().orElseThrow();
            assertTrue(max <= 1 / 24.0 && max > 0.9 / 24, "bias max " + max);
        }
    }

    @Test
    void planFollowsTheInputShapeAndOutputsAreReused() {
        try (Conv2d conv = new Conv2d(CPU, DType.FLOAT32, config("conv1", 3, 4, 3, 3, 1, Padding.symmetric(1), true,
                     false, Layout.NCHW), RngStream.seeded(1));
             Tensor big = TestData.uniform(CPU, DType.FLOAT32, Shape.of(4, 3, 8, 8), 1);
             Tensor small = TestData.uniform(CPU, DType.FLOAT32, Shape.of(2, 3, 8, 8), 2)) {
            assertEquals(Map.of(), conv.algorithms());
            Tensor first = conv.forward(big, true);
            assertSame(first, conv.forward(big, true));
            assertEquals(Set.of(ConvPass.values()), conv.algorithms().keySet());
            Tensor dx = conv.backward(first);
            assertSame(dx, conv.backward(first));
            assertEquals(Shape.of(2, 4, 8, 8), conv.forward(small, true).shape());
            assertEquals(Shape.of(2, 3, 8, 8), conv.backward(conv.forward(small, true)).shape());
        }
    }

    @Test
    void skippedInputGradientLeavesParameterGradientsUnchanged() {
        try (Conv2d conv = new Conv2d(CPU, DType.FLOAT64, config("conv1", 2, 3, 3, 3, 1, Padding.symmetric(1), true,
                     false, Layout.NCHW), RngStream.seeded(1));
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 2, 5, 5), 1);
             Tensor dy = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 3, 5, 5), 2)) {
            conv.forward(x, true);
            assertEquals(Shape.of(2, 2, 5, 5), conv.backward(dy).shape());
            double[] withInput = conv.parameters().get(0).gradient().toDoubleArray();
            double[] biasWithInput = conv.parameters().get(1).gradient().toDoubleArray();
            CPU.fill(conv.parameters().get(0).gradient(), 0);
            conv.computeInputGradient(false);
            conv.forward(x, true);
            assertNull(conv.backward(dy));
            assertEquals(boxed(withInput), boxed(conv.parameters().get(0).gradient().toDoubleArray()));
            assertEquals(boxed(biasWithInput), boxed(conv.parameters().get(1).gradient().toDoubleArray()));
            assertNotEquals(0, Arrays.stream(withInput).map(Math::abs).sum());
        }
    }

    @Test
    void wrongInputsGetOneClearLine() {
        try (Conv2d conv = new Conv2d(CPU, DType.FLOAT32, config("conv1", 3, 4, 3, 3, 1, Padding.symmetric(1), true,
                     false, Layout.NCHW), RngStream.seeded(1));
             Tensor nhwc = CPU.allocate(DType.FLOAT32, Shape.of(2, 8, 8, 3));
             Tensor doubles = CPU.allocate(DType.FLOAT64, Shape.of(2, 3, 8, 8))) {
            assertEquals("conv1 expects [N, 3, H, W] (NCHW), got [2, 8, 8, 3]",
                    assertThrows(IllegalArgumentException.class, () -> conv.forward(nhwc, true)).getMessage());
            assertEquals("conv1 holds FLOAT32 parameters, got a FLOAT64 input; convert the input or build the layer"
                    + " with FLOAT64", assertThrows(IllegalArgumentException.class, () -> conv.forward(doubles, true))
                    .getMessage());
            assertEquals("conv1: backward called before forward",
                    assertThrows(IllegalStateException.class, () -> conv.backward(nhwc)).getMessage());
        }
        try (Conv2d valid = new Conv2d(CPU, DType.FLOAT32, config("conv2", 3, 4, 3, 3, 1, Padding.none(), true,
                     false, Layout.NHWC), RngStream.seeded(1))) {
            assertEquals("conv2 expects [N, H, W, 3] (NHWC), got [2, 3, 8, 8]",
                    assertThrows(IllegalArgumentException.class, () -> valid.outputShape(Shape.of(2, 3, 8, 8)))
                            .getMessage());
            assertEquals("conv2: convolution 3x3 stride 1 on 1x1 input leaves no output",
                    assertThrows(IllegalArgumentException.class, () -> valid.outputShape(Shape.of(2, 1, 1, 3)))
                            .getMessage());
        }
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        Arrays.fill(d, 1);
        return d;
    }

    private static List<Double> boxed(double[] d) {
        return Arrays.stream(d).boxed().toList();
    }
}
