package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolPlan;
import rosetta.tensor.ops.Reduction;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/**
 * The FLOAT32 fast paths against the reference loops, which FLOAT64 tensors still run: the same op on a
 * FLOAT32 tensor and on its exact FLOAT64 copy must agree to float rounding. Tensors are larger than the
 * parallel threshold and odd-sized, so the two-thread split and its tails run.
 */
class FastPathsTest {
    private static final CpuBackend CPU = new CpuBackend(OpenBlasSgemm::new, 2);
    private static final Tolerance FLOAT = Tolerance.of(1e-6, 2e-6);
    private static final Shape LARGE = Shape.of(3, 5, 67, 71);

    @AfterAll
    static void close() {
        CPU.close();
    }

    private static Tensor floats(Shape shape, long seed) {
        return TestData.uniform(CPU, DType.FLOAT32, shape, seed);
    }

    private static Tensor doubles(Tensor f) {
        return TestData.convert(f, DType.FLOAT64);
    }

    private static void assertClose(Tensor expected64, Tensor actual32, Tolerance tol, String what) {
        tol.assertClose(expected64.toDoubleArray(), actual32.toDoubleArray(), what);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsMatchTheReference(Activation kind) {
        try (Tensor x = floats(LARGE, 1);
             Tensor x64 = doubles(x);
             Tensor y = CPU.allocate(LARGE);
             Tensor y64 = CPU.allocate(DType.FLOAT64, LARGE);
             Tensor dy = floats(LARGE, 2);
             Tensor dy64 = doubles(dy);
             Tensor dx = CPU.allocate(LARGE);
             Tensor dx64 = CPU.allocate(DType.FLOAT64, LARGE)) {
            CPU.ops().activation().forward(kind, x, y);
            CPU.ops().activation().forward(kind, x64, y64);
            assertClose(y64, y, FLOAT, kind + " forward");
            // the backward reads y: give both paths the same (float) y
            try (Tensor yAsDouble = doubles(y)) {
                CPU.ops().activation().backward(kind, y, dy, dx);
                CPU.ops().activation().backward(kind, yAsDouble, dy64, dx64);
                assertClose(dx64, dx, FLOAT, kind + " backward");
            }
        }
    }

    @Test
    void reluKeepsNanAndZeroesNegatives() {
        try (Tensor x = TestData.floats(CPU, Shape.of(4), -1f, Float.NaN, 0f, 2f);
             Tensor y = CPU.allocate(Shape.of(4))) {
            CPU.ops().activation().forward(Activation.RELU, x, y);
            assertArrayEquals(new float[] {0f, Float.NaN, 0f, 2f}, y.toFloatArray());
        }
    }

    @Test
    void biasForwardAndBackwardOnEveryAxisMatchTheReference() {
        for (int axis = 1; axis <= 3; axis += 2) {
            Shape b = Shape.of(LARGE.dim(axis));
            try (Tensor y = floats(LARGE, 3);
                 Tensor y64 = doubles(y);
                 Tensor bias = floats(b, 4);
                 Tensor bias64 = doubles(bias);
                 Tensor db = CPU.allocate(b);
                 Tensor db64 = CPU.allocate(DType.FLOAT64, b)) {
                CPU.ops().bias().forward(bias, y, axis);
                CPU.ops().bias().forward(bias64, y64, axis);
                assertClose(y64, y, FLOAT, "bias forward axis " + axis);
                try (Tensor dy = floats(LARGE, 5); Tensor dy64 = doubles(dy)) {
                    CPU.ops().bias().backward(dy, db, axis);
                    CPU.ops().bias().backward(dy64, db64, axis);
                    // both sum the same floats in double, in the same order
                    assertArrayEquals(TestData.convert(db64, DType.FLOAT32).toFloatArray(), db.toFloatArray(),
                            "bias backward axis " + axis);
                }
            }
        }
    }

    @Test
    void poolingMatchesTheReferenceForTilingOverlappingAndCeilWindows() {
        for (Layout layout : Layout.values()) {
            Shape input = layout.shape(3, 5, 32, 30);
            PoolGeometry[] geometries = {
                PoolGeometry.of(layout, input, 2, 2, 2, 2, Padding.none(), false),
                PoolGeometry.of(layout, input, 3, 3, 2, 2, Padding.symmetric(1), false),
                PoolGeometry.of(layout, input, 3, 2, 2, 3, Padding.none(), true),
            };
            for (PoolGeometry g : geometries) {
                comparePool(g);
            }
        }
    }

    private static void comparePool(PoolGeometry g) {
        try (Tensor x = floats(g.inputShape(), 6);
             Tensor x64 = doubles(x);
             Tensor y = CPU.allocate(g.outputShape());
             Tensor y64 = CPU.allocate(DType.FLOAT64, g.outputShape());
             Tensor dy = floats(g.outputShape(), 7);
             Tensor dy64 = doubles(dy);
             Tensor dx = CPU.allocate(g.inputShape());
             Tensor dx64 = CPU.allocate(DType.FLOAT64, g.inputShape());
             PoolPlan p = CPU.ops().pool().plan(g, DType.FLOAT32);
             PoolPlan p64 = CPU.ops().pool().plan(g, DType.FLOAT64)) {
            CPU.fill(dx, 9);
            CPU.ops().pool().forward(p, x, y);
            CPU.ops().pool().forward(p64, x64, y64);
            assertClose(y64, y, Tolerance.of(0, 0), "max-pool forward " + g);
            CPU.ops().pool().backward(p, x, y, dy, dx);
            CPU.ops().pool().backward(p64, x64, y64, dy64, dx64);
            assertClose(dx64, dx, FLOAT, "max-pool backward " + g);
        }
    }

    @Test
    void dropoutDrawsTheReferenceMaskOnEveryThread() {
        try (Tensor x = floats(LARGE, 8);
             Tensor x64 = doubles(x);
             Tensor mask = CPU.allocate(LARGE);
             Tensor mask64 = CPU.allocate(DType.FLOAT64, LARGE);
             Tensor y = CPU.allocate(LARGE);
             Tensor y64 = CPU.allocate(DType.FLOAT64, LARGE);
             Tensor dx = CPU.allocate(LARGE);
             Tensor dx64 = CPU.allocate(DType.FLOAT64, LARGE)) {
            CPU.ops().dropout().forward(0.25, RngStream.seeded(9), x, mask, y);
            CPU.ops().dropout().forward(0.25, RngStream.seeded(9), x64, mask64, y64);
            assertClose(mask64, mask, FLOAT, "dropout mask");
            assertClose(y64, y, FLOAT, "dropout forward");
            CPU.ops().dropout().backward(mask, x, dx);
            CPU.ops().dropout().backward(mask64, x64, dx64);
            assertClose(dx64, dx, FLOAT, "dropout backward");
        }
    }

    @Test
    void softmaxCrossEntropyMatchesForSparseOneHotAndClippedLabels() {
        Shape logits = Shape.of(37, 10);
        int[] classes = new int[37];
        float[] oneHot = new float[370];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (i * 7) % 10;
            oneHot[i * 10 + classes[i]] = 1;
        }
        LossSpec[] specs = {LossSpec.fusedMean(), new LossSpec(Reduction.SUM, 0), new LossSpec(Reduction.MEAN, 0.05)};
        try (Tensor z = floats(logits, 10);
             Tensor z64 = doubles(z);
             Tensor sparse = TestData.ints(CPU, Shape.of(37), classes);
             Tensor dense = TestData.floats(CPU, logits, oneHot);
             Tensor p = CPU.allocate(logits);
             Tensor p64 = CPU.allocate(DType.FLOAT64, logits);
             Tensor loss = CPU.allocate(Shape.of(1));
             Tensor loss64 = CPU.allocate(DType.FLOAT64, Shape.of(1));
             Tensor dz = CPU.allocate(logits);
             Tensor dz64 = CPU.allocate(DType.FLOAT64, logits)) {
            for (LossSpec spec : specs) {
                for (Tensor labels : new Tensor[] {sparse, dense}) {
                    CPU.ops().softmaxCrossEntropy().forward(spec, z, labels, p, loss);
                    CPU.ops().softmaxCrossEntropy().forward(spec, z64, labels, p64, loss64);
                    assertClose(loss64, loss, FLOAT, "loss " + spec);
                    assertClose(p64, p, FLOAT, "probabilities " + spec);
                    CPU.ops().softmaxCrossEntropy().backward(spec, p64, labels, dz64);
                    CPU.ops().softmaxCrossEntropy().backward(spec, p, labels, dz);
                    assertClose(dz64, dz, Tolerance.of(1e-6, 1e-5), "gradient " + spec);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MomentumRule.class)
    void sgdUpdatesMatchTheReference(MomentumRule rule) {
        try (Tensor w = floats(LARGE, 11);
             Tensor w64 = doubles(w);
             Tensor grad = floats(LARGE, 12);
             Tensor grad64 = doubles(grad);
             Tensor v = floats(LARGE, 13);
             Tensor v64 = doubles(v)) {
            for (int step = 0; step < 3; step++) {
                CPU.ops().optimizer().sgdMomentum(rule, 0.01, 0.9, 0.5, 1e-4, w, grad, v);
                CPU.ops().optimizer().sgdMomentum(rule, 0.01, 0.9, 0.5, 1e-4, w64, grad64, v64);
            }
            assertClose(v64, v, FLOAT, rule + " velocity");
            assertClose(w64, w, FLOAT, rule + " weight");
        }
    }

    /**
     * Each step from the same values: the FLOAT64 reference computes what the FLOAT32 path computes in
     * double before it rounds, so rounding the reference's results must give its floats exactly.
     */
    @ParameterizedTest
    @EnumSource(AdamRule.class)
    void adamUpdatesAreTheReferenceRounded(AdamRule rule) {
        try (Tensor w = floats(LARGE, 16);
             Tensor m = CPU.allocate(LARGE);
             Tensor v = CPU.allocate(LARGE)) {
            for (int step = 1; step <= 3; step++) {
                try (Tensor grad = floats(LARGE, 16 + step);
                     Tensor grad64 = doubles(grad);
                     Tensor w64 = doubles(w);
                     Tensor m64 = doubles(m);
                     Tensor v64 = doubles(v)) {
                    CPU.ops().optimizer().adam(rule, 0.01, 0.9, 0.999, 1e-8, step, 0.5, 1e-4, w, grad, m, v);
                    CPU.ops().optimizer().adam(rule, 0.01, 0.9, 0.999, 1e-8, step, 0.5, 1e-4, w64, grad64, m64, v64);
                    assertRounded(m64, m, rule + " first moment, step " + step);
                    assertRounded(v64, v, rule + " second moment, step " + step);
                    assertRounded(w64, w, rule + " weight, step " + step);
                }
            }
        }
    }

    private static void assertRounded(Tensor expected64, Tensor actual32, String what) {
        try (Tensor rounded = TestData.convert(expected64, DType.FLOAT32)) {
            assertArrayEquals(rounded.toFloatArray(), actual32.toFloatArray(), what);
        }
    }

    /**
     * Gather and scatter-add with every id repeated, over a table large enough to be split over the
     * threads: the same floats as the reference, which sums each row's gradients in id order too.
     */
    @Test
    void embeddingMatchesTheReferenceExactly() {
        Shape table = Shape.of(1000, 70);
        int[] ids = new int[3 * 173];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 389) % 250 * 4;
        }
        Shape rows = Shape.of(3, 173, 70);
        try (Tensor idt = TestData.ints(CPU, Shape.of(3, 173), ids);
             Tensor weight = floats(table, 22);
             Tensor weight64 = doubles(weight);
             Tensor out = CPU.allocate(rows);
             Tensor out64 = CPU.allocate(DType.FLOAT64, rows);
             Tensor dOut = floats(rows, 23);
             Tensor dOut64 = doubles(dOut);
             Tensor dTable = floats(table, 24);
             Tensor dTable64 = CPU.allocate(DType.FLOAT64, table)) {
            CPU.ops().embedding().forward(idt, weight, out);
            CPU.ops().embedding().forward(idt, weight64, out64);
            assertArrayEquals(TestData.convert(out64, DType.FLOAT32).toFloatArray(), out.toFloatArray(), "gather");
            CPU.ops().embedding().backward(idt, dOut, dTable);
            CPU.ops().embedding().backward(idt, dOut64, dTable64);
            assertArrayEquals(expectedFloatSums(ids, dOut, table), dTable.toFloatArray(), "scatter-add");
            FLOAT.assertClose(dTable64.toDoubleArray(), dTable.toDoubleArray(), "scatter-add against FLOAT64");
        }
    }

    /** Each table row's gradient summed in float, in id order. */
    private static float[] expectedFloatSums(int[] ids, Tensor dOut, Shape table) {
        int dim = table.dim(1);
        float[] rows = dOut.toFloatArray();
        float[] sums = new float[table.dim(0) * dim];
        for (int i = 0; i < ids.length; i++) {
            for (int e = 0; e < dim; e++) {
                sums[ids[i] * dim + e] += rows[i * dim + e];
            }
        }
        return sums;
    }

    @Test
    void primitivesMatchTheReference() {
        try (Tensor x = floats(LARGE, 14);
             Tensor x64 = doubles(x);
             Tensor y = floats(LARGE, 15);
             Tensor y64 = doubles(y);
             Tensor out = CPU.allocate(LARGE);
             Tensor out64 = CPU.allocate(DType.FLOAT64, LARGE)) {
            assertEquals(CPU.sum(x64), CPU.sum(x), 0, "sum");
            assertEquals(CPU.dot(x64, y64), CPU.dot(x, y), 0, "dot");
            CPU.multiply(x, y, out);
            CPU.multiply(x64, y64, out64);
            assertClose(out64, out, FLOAT, "multiply");
            for (double beta : new double[] {0, 1, -0.5}) {
                CPU.axpby(1.5, x, beta, y);
                CPU.axpby(1.5, x64, beta, y64);
                assertClose(y64, y, Tolerance.of(1e-5, 1e-5), "axpby beta " + beta);
            }
            CPU.fill(out, -2.5);
            for (float v : out.toFloatArray()) {
                assertEquals(-2.5f, v);
            }
            CPU.copy(x, out);
            assertArrayEquals(x.toFloatArray(), out.toFloatArray());
        }
    }
}
