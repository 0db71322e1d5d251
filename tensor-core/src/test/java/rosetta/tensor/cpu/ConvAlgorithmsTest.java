package rosetta.tensor.cpu;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/**
 * Every fast convolution algorithm against the reference loops, pass by pass, over the benchmark's
 * layer shapes (at a small batch) and odd ones: tails, 1x1, stride 2, TensorFlow's asymmetric SAME,
 * true convolution, both layouts.
 */
class ConvAlgorithmsTest {
    private static final CpuBackend CPU = new CpuBackend();

    static Stream<Arguments> geometries() {
        List<Arguments> cases = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            // the benchmark VGG's four convolutions, batch 2
            cases.add(Arguments.of(geometry(layout, 2, 3, 32, 32, 50, 3, 1, Padding.symmetric(1), false)));
            cases.add(Arguments.of(geometry(layout, 2, 50, 32, 32, 50, 3, 1, Padding.symmetric(1), false)));
            cases.add(Arguments.of(geometry(layout, 2, 50, 16, 16, 100, 3, 1, Padding.symmetric(1), false)));
            cases.add(Arguments.of(geometry(layout, 2, 100, 16, 16, 100, 3, 1, Padding.symmetric(1), false)));
            // odd shapes
            cases.add(Arguments.of(geometry(layout, 3, 5, 7, 9, 6, 3, 1, Padding.none(), false)));
            cases.add(Arguments.of(geometry(layout, 2, 7, 5, 5, 3, 1, 1, Padding.none(), false)));
            cases.add(Arguments.of(geometry(layout, 2, 4, 8, 8, 5, 3, 2, Padding.same(), false)));
            cases.add(Arguments.of(geometry(layout, 2, 4, 9, 7, 5, 3, 2, Padding.symmetric(1), false)));
            cases.add(Arguments.of(geometry(layout, 1, 3, 6, 6, 2, 3, 1, Padding.same(), true)));
            cases.add(Arguments.of(geometry(layout, 2, 3, 11, 10, 4, 5, 1, Padding.explicit(2, 1, 0, 2), true)));
        }
        return cases.stream();
    }

    static ConvGeometry geometry(Layout layout, int n, int c, int h, int w, int k, int kernel, int stride,
            Padding padding, boolean flip) {
        return ConvGeometry.of(layout, layout.shape(n, c, h, w), k, kernel, kernel, stride, stride, padding, flip);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void fastAlgorithmsMatchTheReference(ConvGeometry g) {
        CpuConv conv = (CpuConv) CPU.conv();
        for (ConvAlgorithm fast : conv.candidates()) {
            for (ConvPass pass : ConvPass.values()) {
                if (fast.supports(g, DType.FLOAT32, pass)) {
                    compare(conv, fast, g, pass);
                }
            }
        }
    }

    private static void compare(CpuConv conv, ConvAlgorithm fast, ConvGeometry g, ConvPass pass) {
        Map<ConvPass, ConvAlgorithm> fastPlan = new EnumMap<>(ConvPass.class);
        Map<ConvPass, ConvAlgorithm> refPlan = new EnumMap<>(ConvPass.class);
        fastPlan.put(pass, fast);
        refPlan.put(pass, conv.reference());
        try (Tensor x = TestData.uniform(CPU, DType.FLOAT32, g.inputShape(), 11);
             Tensor w = TestData.uniform(CPU, DType.FLOAT32, g.weightShape(), 12);
             Tensor dy = TestData.uniform(CPU, DType.FLOAT32, g.outputShape(), 13);
             Tensor fastOut = CPU.allocate(DType.FLOAT32, outputShape(g, pass));
             Tensor refOut = CPU.allocate(DType.FLOAT32, outputShape(g, pass));
             CpuConvPlan fp = conv.forAlgorithms(g, fastPlan);
             CpuConvPlan rp = conv.forAlgorithms(g, refPlan)) {
            CPU.fill(fastOut, 7);
            run(conv, fp, pass, x, w, dy, fastOut);
            run(conv, rp, pass, x, w, dy, refOut);
            int terms = pass == ConvPass.BACKWARD_FILTER ? g.batch() * g.outHeight() * g.outWidth()
                    : g.inChannels() * g.kernelHeight() * g.kernelWidth();
            Tolerance.of(2e-6 * terms, 1e-5).assertClose(refOut.toFloatArray(), fastOut.toFloatArray(),
                    fast.name() + " " + pass + " " + g);
        }
    }

    private static rosetta.tensor.Shape outputShape(ConvGeometry g, ConvPass pass) {
        return switch (pass) {
            case FORWARD -> g.outputShape();
            case BACKWARD_DATA -> g.inputShape();
            case BACKWARD_FILTER -> g.weightShape();
        };
    }

    private static void run(CpuConv conv, CpuConvPlan plan, ConvPass pass, Tensor x, Tensor w, Tensor dy, Tensor out) {
        switch (pass) {
            case FORWARD -> conv.forward(plan, x, w, null, out);
            case BACKWARD_DATA -> conv.backwardData(plan, dy, w, out);
            case BACKWARD_FILTER -> conv.backwardFilter(plan, x, dy, out);
        }
    }
}
