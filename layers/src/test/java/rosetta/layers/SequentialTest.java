package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rosetta.layers.init.Initializers;
import rosetta.layers.testing.LayerGradientCheck;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/** A miniature of the benchmark's VGG: conv -> relu -> pool -> flatten -> dense, on 2x6x6 images. */
class SequentialTest {
    private static final Backend CPU = new CpuBackend();

    static Sequential model(Layout layout, DType dtype, long seed) {
        RngStream rng = RngStream.seeded(seed);
        ConvConfig conv = new ConvConfig("conv1", 2, 3, 3, 3, 1, Padding.symmetric(1), true, false, layout,
                Initializers.parse("glorot-uniform"), Initializers.parse("uniform(0.1)"), AlgorithmPolicy.defaults());
        DenseConfig dense = new DenseConfig("fc1", 3 * 3 * 3, 4, true, Initializers.parse("pytorch-default"),
                Initializers.parse("pytorch-default"));
        return new Sequential("mini-vgg", List.of(
                new Conv2d(CPU, dtype, conv, rng),
                new Relu("relu1"),
                new MaxPool2d("pool1", 2, 2, Padding.none(), false, layout),
                new Flatten("flatten", layout, Layout.NCHW),
                new Dense(CPU, dtype, dense, rng)));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void endToEndGradientsMatchCentralDifferences(Layout layout) {
        try (Sequential net = model(layout, DType.FLOAT64, 1);
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, layout.shape(2, 2, 6, 6), 2)) {
            assertEquals(Shape.of(2, 4), net.outputShape(x.shape()));
            LayerGradientCheck.check(net, x, true);
            assertEquals(List.of("conv1.weight", "conv1.bias", "fc1.weight", "fc1.bias"),
                    net.parameters().stream().map(Parameter::name).toList());
        }
    }

    @Test
    void skippedInputGradientReturnsNullAndKeepsParameterGradients() {
        try (Sequential net = model(Layout.NCHW, DType.FLOAT64, 1);
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 2, 6, 6), 2);
             Tensor dy = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 4), 3)) {
            Tensor y = net.forward(x, true);
            assertSame(y, net.forward(x, true));
            assertEquals(x.shape(), net.backward(dy).shape());
            List<double[]> expected = gradients(net);
            net.computeInputGradient(false);
            net.forward(x, true);
            assertNull(net.backward(dy));
            List<double[]> actual = gradients(net);
            for (int i = 0; i < expected.size(); i++) {
                Tolerance.of(0, 0).assertClose(expected.get(i), actual.get(i), net.parameters().get(i).name());
            }
        }
    }

    /** The same seed builds the same network in both layouts: layout changes speed, not numbers. */
    @Test
    void layoutsGiveTheSameOutputs() {
        try (Sequential nchw = model(Layout.NCHW, DType.FLOAT64, 9);
             Sequential nhwc = model(Layout.NHWC, DType.FLOAT64, 9);
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 2, 6, 6), 4);
             Tensor xt = CPU.allocate(DType.FLOAT64, Shape.of(2, 6, 6, 2))) {
            CPU.ops().layout().permute(x, xt, 0, 2, 3, 1);
            Tolerance.of(1e-12, 1e-12).assertClose(nchw.forward(x, false).toDoubleArray(),
                    nhwc.forward(xt, false).toDoubleArray(), "logits");
        }
    }

    @Test
    void duplicateNamesAreRefused() {
        assertEquals("net has two layers named relu; give each a unique name (it seeds the layer's random numbers)",
                assertThrows(IllegalArgumentException.class,
                        () -> new Sequential("net", List.of(new Relu("relu"), new Relu("relu")))).getMessage());
    }

    private static List<double[]> gradients(Sequential net) {
        List<double[]> out = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            out.add(p.gradient().toDoubleArray());
        }
        return out;
    }
}
