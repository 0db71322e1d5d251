package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/**
 * Every fast convolution algorithm against the reference loops, pass by pass, over the benchmark's
 * layer shapes (at a small batch) and odd ones: tails of every tile size, 1x1, stride 2, TensorFlow's
 * asymmetric SAME, explicit asymmetric padding, true convolution, both layouts, more images than threads.
 * Runs on two threads, so every pass also exercises the split of the batch and the partial sums.
 */
class ConvAlgorithmsTest {
    private static final CpuBackend CPU = new CpuBackend(OpenBlasSgemm::new, 2);

    @AfterAll
    static void close() {
        CPU.close();
    }

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
            cases.add(Arguments.of(geometry(layout, 5, 17, 13, 11, 19, 3, 1, Padding.explicit(2, 0, 1, 2), true)));
            cases.add(Arguments.of(geometry(layout, 7, 16, 6, 5, 8, 3, 1, Padding.same(), false)));
            cases.add(Arguments.of(geometry(layout, 3, 9, 10, 14, 20, 3, 1, Padding.explicit(0, 2, 2, 0), false)));
            // padding wider than the kernel: backward data cannot run as a transposed convolution
            cases.add(Arguments.of(geometry(layout, 2, 16, 5, 5, 4, 3, 1, Padding.symmetric(3), false)));
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
        CpuConv conv = (CpuConv) CPU.ops().conv();
        try (Tensor x = TestData.uniform(CPU, DType.FLOAT32, g.inputShape(), 11);
             Tensor w = TestData.uniform(CPU, DType.FLOAT32, g.weightShape(), 12);
             Tensor bias = TestData.uniform(CPU, DType.FLOAT32, g.biasShape(), 14);
             Tensor dy = TestData.uniform(CPU, DType.FLOAT32, g.outputShape(), 13)) {
            for (ConvPass pass : ConvPass.values()) {
                for (Activation epilogue : pass == ConvPass.FORWARD ? new Activation[] {null, Activation.RELU}
                        : new Activation[] {null}) {
                    float[] expected = run(conv, conv.reference(), g, pass, x, w, epilogue == null ? null : bias,
                            epilogue, dy);
                    for (ConvAlgorithm fast : conv.candidates()) {
                        if (!fast.supports(g, DType.FLOAT32, pass)) {
                            continue;
                        }
                        float[] actual = run(conv, fast, g, pass, x, w, epilogue == null ? null : bias, epilogue, dy);
                        // each output sums this many products; F(4x4) Winograd rounds more than the others
                        int terms = pass == ConvPass.BACKWARD_FILTER ? g.batch() * g.outHeight() * g.outWidth()
                                : (pass == ConvPass.FORWARD ? g.inChannels() : g.outChannels())
                                        * g.kernelHeight() * g.kernelWidth();
                        Tolerance.of(2e-6 * terms, 1e-5).assertClose(expected, actual,
                                fast.name() + " " + pass + (epilogue == null ? "" : " +bias+" + epilogue) + " " + g);
                    }
                }
            }
        }
    }

    private static float[] run(CpuConv conv, ConvAlgorithm algorithm, ConvGeometry g, ConvPass pass, Tensor x,
            Tensor w, Tensor bias, Activation activation, Tensor dy) {
        Map<ConvPass, ConvAlgorithm> only = new EnumMap<>(ConvPass.class);
        only.put(pass, algorithm);
        try (CpuConvPlan plan = conv.forAlgorithms(g, only);
             Tensor out = CPU.allocate(DType.FLOAT32, outputShape(g, pass))) {
            CPU.fill(out, 7);
            switch (pass) {
                case FORWARD -> conv.forward(plan, x, w, bias, activation, out);
                case BACKWARD_DATA -> conv.backwardData(plan, dy, w, out);
                case BACKWARD_FILTER -> conv.backwardFilter(plan, x, dy, out);
            }
            return out.toFloatArray();
        }
    }

    private static Shape outputShape(ConvGeometry g, ConvPass pass) {
        return switch (pass) {
            case FORWARD -> g.outputShape();
            case BACKWARD_DATA -> g.inputShape();
            case BACKWARD_FILTER -> g.weightShape();
        };
    }

    @Test
    void heuristicPicksWinogradForWideLayersDirectForRgbOnTheJavaGemmAndIm2colOtherwise() {
        CpuConv conv = (CpuConv) CPU.ops().conv();
        AlgorithmPolicy heuristic = AlgorithmPolicy.defaults();
        ConvGeometry wide = geometry(Layout.NCHW, 2, 50, 16, 16, 100, 3, 1, Padding.symmetric(1), false);
        try (ConvPlan p = conv.plan(wide, DType.FLOAT32, heuristic)) {
            assertTrue(p.algorithms().get(ConvPass.FORWARD).startsWith("winograd"), p.algorithms().toString());
        }
        AlgorithmPolicy noWinograd = new AlgorithmPolicy(AlgorithmPolicy.Search.HEURISTIC, false, 1L << 30);
        try (ConvPlan p = conv.plan(wide, DType.FLOAT32, noWinograd)) {
            assertEquals("im2col-gemm", p.algorithms().get(ConvPass.FORWARD));
        }
        ConvGeometry strided = geometry(Layout.NCHW, 2, 50, 16, 16, 100, 3, 2, Padding.symmetric(1), false);
        try (ConvPlan p = conv.plan(strided, DType.FLOAT32, heuristic)) {
            assertEquals("im2col-gemm", p.algorithms().get(ConvPass.FORWARD));
        }
        try (ConvPlan p = conv.plan(wide, DType.FLOAT64, heuristic)) {
            assertEquals("reference", p.algorithms().get(ConvPass.FORWARD));
        }
        ConvGeometry rgb = geometry(Layout.NCHW, 2, 3, 32, 32, 50, 3, 1, Padding.symmetric(1), false);
        try (ConvPlan p = conv.plan(rgb, DType.FLOAT32, heuristic)) {
            assertEquals("im2col-gemm", p.algorithms().get(ConvPass.FORWARD));
        }
        try (CpuBackend java = new CpuBackend(BlockedSgemm::new, 1);
             ConvPlan p = java.ops().conv().plan(rgb, DType.FLOAT32, heuristic)) {
            assertEquals("direct-3ch", p.algorithms().get(ConvPass.FORWARD));
            assertEquals("im2col-gemm", p.algorithms().get(ConvPass.BACKWARD_FILTER));
        }
        ConvGeometry small = geometry(Layout.NCHW, 2, 32, 6, 6, 32, 3, 1, Padding.symmetric(1), false);
        try (ConvPlan p = conv.plan(small, DType.FLOAT32, heuristic)) {
            assertEquals("winograd-2x2", p.algorithms().get(ConvPass.FORWARD));
        }
    }

    @Test
    void exhaustiveSearchPicksASupportingAlgorithmAndRemembersIt() {
        CpuConv conv = (CpuConv) CPU.ops().conv();
        AlgorithmPolicy exhaustive = new AlgorithmPolicy(AlgorithmPolicy.Search.EXHAUSTIVE, true, 1L << 30);
        ConvGeometry g = geometry(Layout.NHWC, 2, 16, 8, 8, 16, 3, 1, Padding.symmetric(1), false);
        try (ConvPlan first = conv.plan(g, DType.FLOAT32, exhaustive);
             ConvPlan second = conv.plan(g, DType.FLOAT32, exhaustive)) {
            assertEquals(first.algorithms(), second.algorithms());
            for (Map.Entry<ConvPass, String> e : first.algorithms().entrySet()) {
                assertTrue(CpuConvAlgorithms.supports(e.getValue(), g, e.getKey()), e.toString());
            }
        }
    }
}
