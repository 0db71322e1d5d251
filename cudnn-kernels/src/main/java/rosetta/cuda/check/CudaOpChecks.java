package rosetta.cuda.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolPlan;
import rosetta.tensor.ops.Reduction;
import rosetta.tensor.random.RngStream;

/**
 * Every CUDA op against the CPU backend on the same seeded inputs, forward and backward. The JUnit
 * suite (CudaOpsTest) and the GPU machine's check (CudaCheckMain, run where there is no Maven) run
 * this one list. Tolerances are atol + rtol |expected|, stated per comparison: 0 where both backends
 * evaluate the same expression in the same order (elementwise kernels, the Philox streams, the
 * optimisers, the embedding), floating-point reassociation bounds elsewhere (GEMM, cuDNN convolution and
 * GRU in FP32, sums).
 */
public final class CudaOpChecks {
    private CudaOpChecks() {
    }

    /** The CPU reference, the CUDA backend in FP32, and one with TF32 convolutions. */
    public record Devices(Backend cpu, Backend gpu, Backend tf32) {
    }

    /**
     * One named check. A {@code refusal} check passes when the CUDA backend refuses an input it cannot
     * compute as the CPU does; the CPU accepts it, so such a check fails by design when both sides are
     * CPUs (CudaOpChecksSelfTest runs every check that way to test the checks themselves).
     */
    public record OpCheck(String name, Function<Devices, CheckResult> body, boolean refusal) {
        OpCheck(String name, Function<Devices, CheckResult> body) {
            this(name, body, false);
        }
    }

    public static List<OpCheck> all() {
        List<OpCheck> out = new ArrayList<>();
        out.add(new OpCheck("copy", CudaOpChecks::copy));
        out.add(new OpCheck("fill", CudaOpChecks::fill));
        out.add(new OpCheck("axpby", CudaOpChecks::axpby));
        out.add(new OpCheck("multiply", CudaOpChecks::multiply));
        out.add(new OpCheck("sum-dot", CudaOpChecks::sumDot));
        out.add(new OpCheck("gemm", CudaOpChecks::gemm));
        out.add(new OpCheck("fill-uniform", CudaOpChecks::fillUniform));
        out.add(new OpCheck("conv/nchw-3x3-heuristic", d -> conv(d, "conv/nchw-3x3-heuristic", d.gpu(),
                ConvGeometry.of(Layout.NCHW, Shape.of(4, 8, 16, 16), 12, 3, 3, 1, 1, Padding.symmetric(1), false),
                AlgorithmPolicy.defaults(), 2e-4)));
        out.add(new OpCheck("conv/nchw-3x3-exhaustive-no-winograd", d -> conv(d, "conv/nchw-3x3-exhaustive-no-winograd",
                d.gpu(), ConvGeometry.of(Layout.NCHW, Shape.of(4, 8, 16, 16), 12, 3, 3, 1, 1, Padding.symmetric(1), false),
                new AlgorithmPolicy(AlgorithmPolicy.Search.EXHAUSTIVE, false, 64L << 20), 2e-4)));
        out.add(new OpCheck("conv/nhwc-3x3-stride2", d -> conv(d, "conv/nhwc-3x3-stride2", d.gpu(),
                ConvGeometry.of(Layout.NHWC, Shape.of(2, 9, 11, 5), 7, 3, 3, 2, 2, Padding.symmetric(1), false),
                AlgorithmPolicy.defaults(), 2e-4)));
        out.add(new OpCheck("conv/flipped-5x5-no-workspace", d -> conv(d, "conv/flipped-5x5-no-workspace", d.gpu(),
                ConvGeometry.of(Layout.NCHW, Shape.of(3, 4, 10, 10), 6, 5, 5, 1, 1, Padding.symmetric(2), true),
                new AlgorithmPolicy(AlgorithmPolicy.Search.HEURISTIC, true, 0), 2e-4)));
        out.add(new OpCheck("conv/vgg-conv2-tf32", d -> conv(d, "conv/vgg-conv2-tf32", d.tf32(),
                ConvGeometry.of(Layout.NCHW, Shape.of(8, 50, 32, 32), 50, 3, 3, 1, 1, Padding.symmetric(1), false),
                new AlgorithmPolicy(AlgorithmPolicy.Search.EXHAUSTIVE, true, 64L << 20), 2e-2)));
        out.add(new OpCheck("conv/asymmetric-padding-refused", CudaOpChecks::asymmetricRefused, true));
        out.add(new OpCheck("pool/nchw-2x2", d -> pool(d, "pool/nchw-2x2",
                PoolGeometry.of(Layout.NCHW, Shape.of(2, 3, 8, 8), 2, 2, 2, 2, Padding.none(), false))));
        out.add(new OpCheck("pool/nhwc-3x3-stride2-pad1", d -> pool(d, "pool/nhwc-3x3-stride2-pad1",
                PoolGeometry.of(Layout.NHWC, Shape.of(2, 7, 7, 3), 3, 3, 2, 2, Padding.symmetric(1), false))));
        out.add(new OpCheck("pool/ceil-refused", CudaOpChecks::poolCeilRefused, true));
        for (Activation kind : Activation.values()) {
            String name = "activation/" + kind.name().toLowerCase();
            out.add(new OpCheck(name, d -> activation(d, name, kind)));
        }
        out.add(new OpCheck("dropout", CudaOpChecks::dropout));
        out.add(new OpCheck("softmax-ce/sparse-mean", d -> softmaxCe(d, "softmax-ce/sparse-mean", true,
                new LossSpec(Reduction.MEAN, 0), 1)));
        out.add(new OpCheck("softmax-ce/dense-sum", d -> softmaxCe(d, "softmax-ce/dense-sum", false,
                new LossSpec(Reduction.SUM, 0), 1)));
        out.add(new OpCheck("softmax-ce/keras-clipped", d -> softmaxCe(d, "softmax-ce/keras-clipped", false,
                new LossSpec(Reduction.MEAN, LossSpec.KERAS_EPSILON), 12)));
        out.add(new OpCheck("bias/nchw-channels", d -> bias(d, "bias/nchw-channels", Shape.of(3, 5, 4, 6), 1)));
        out.add(new OpCheck("bias/nhwc-channels", d -> bias(d, "bias/nhwc-channels", Shape.of(3, 4, 6, 5), 3)));
        out.add(new OpCheck("bias/dense-features", d -> bias(d, "bias/dense-features", Shape.of(17, 9), 1)));
        out.add(new OpCheck("permute", CudaOpChecks::permute));
        for (MomentumRule rule : MomentumRule.values()) {
            String name = "sgd-momentum/" + rule.name().toLowerCase();
            out.add(new OpCheck(name, d -> sgdMomentum(d, name, rule)));
        }
        for (AdamRule rule : AdamRule.values()) {
            String name = "adam/" + rule.name().toLowerCase();
            out.add(new OpCheck(name, d -> adam(d, name, rule)));
        }
        for (int dim : new int[] {6, 37, 150}) {
            String name = "embedding/repeated-ids-dim-" + dim;
            out.add(new OpCheck(name, d -> EmbeddingCheck.repeatedIds(d, name, dim)));
        }
        out.add(new OpCheck("embedding/bad-id-reported", EmbeddingCheck::badId));
        out.addAll(GruCheck.all());
        out.add(new OpCheck("float64-refused", CudaOpChecks::float64Refused, true));
        out.add(new OpCheck("training-steps", TrainingStepCheck::run));
        return out;
    }

    /** Runs one check, turning an exception into a failed result with its one-line message. */
    public static CheckResult run(OpCheck check, Devices devices) {
        try {
            return check.body().apply(devices);
        } catch (RuntimeException e) {
            return new CheckResult(check.name(), false, Double.NaN, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static float[] uniform(int n, long seed, double scale) {
        RngStream rng = RngStream.seeded(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        }
        return out;
    }

    private static int size(Shape s) {
        return Math.toIntExact(s.size());
    }

    private static CheckResult copy(Devices d) {
        Comparison c = new Comparison("copy");
        try (TensorScope s = new TensorScope()) {
            float[] f = uniform(1000, 1, 1);
            Tensor g = s.floats(d.gpu(), Shape.of(10, 100), f);
            c.close("float round trip", f, g.toFloatArray(), 0, 0);
            Tensor rows = s.zeros(d.gpu(), Shape.of(3, 100));
            d.gpu().copy(g.rows(2, 5), rows);
            float[] expected = new float[300];
            System.arraycopy(f, 200, expected, 0, 300);
            c.close("device copy of a view", expected, rows.toFloatArray(), 0, 0);
            int[] ints = {7, -3, 0, Integer.MAX_VALUE, Integer.MIN_VALUE};
            c.same("int round trip", ints, s.ints(d.gpu(), Shape.of(5), ints).toIntArray());
        }
        return c.result();
    }

    private static CheckResult fill(Devices d) {
        Comparison c = new Comparison("fill");
        try (TensorScope s = new TensorScope()) {
            Tensor f = s.zeros(d.gpu(), Shape.of(33));
            c.close("zero-filled allocation", new float[33], f.toFloatArray(), 0, 0);
            d.gpu().fill(f, 0.1);
            float[] expected = new float[33];
            java.util.Arrays.fill(expected, 0.1f);
            c.close("fill 0.1", expected, f.toFloatArray(), 0, 0);
            Tensor i = s.keep(d.gpu().allocate(DType.INT32, Shape.of(5)));
            d.gpu().fill(i, 7);
            c.same("fill int 7", new int[] {7, 7, 7, 7, 7}, i.toIntArray());
        }
        return c.result();
    }

    private static CheckResult axpby(Devices d) {
        Comparison c = new Comparison("axpby");
        try (TensorScope s = new TensorScope()) {
            float[] x = uniform(4099, 2, 3);
            float[] y = uniform(4099, 3, 3);
            Tensor cx = s.floats(d.cpu(), Shape.of(4099), x);
            Tensor cy = s.floats(d.cpu(), Shape.of(4099), y);
            Tensor gx = s.floats(d.gpu(), Shape.of(4099), x);
            Tensor gy = s.floats(d.gpu(), Shape.of(4099), y);
            d.cpu().axpby(1.7, cx, -0.3, cy);
            d.gpu().axpby(1.7, gx, -0.3, gy);
            c.close("y = 1.7 x - 0.3 y", cy.toFloatArray(), gy.toFloatArray(), 0, 0);
            d.cpu().axpby(0.5, cx, 0, cy);
            d.gpu().axpby(0.5, gx, 0, gy);
            c.close("y = 0.5 x", cy.toFloatArray(), gy.toFloatArray(), 0, 0);
        }
        return c.result();
    }

    private static CheckResult multiply(Devices d) {
        Comparison c = new Comparison("multiply");
        try (TensorScope s = new TensorScope()) {
            float[] a = uniform(1001, 4, 2);
            float[] b = uniform(1001, 5, 2);
            Tensor ca = s.floats(d.cpu(), Shape.of(1001), a);
            Tensor cb = s.floats(d.cpu(), Shape.of(1001), b);
            Tensor ga = s.floats(d.gpu(), Shape.of(1001), a);
            Tensor gb = s.floats(d.gpu(), Shape.of(1001), b);
            d.cpu().multiply(ca, cb, ca);
            d.gpu().multiply(ga, gb, ga);
            c.close("a *= b in place", ca.toFloatArray(), ga.toFloatArray(), 0, 0);
        }
        return c.result();
    }

    private static CheckResult sumDot(Devices d) {
        Comparison c = new Comparison("sum-dot");
        try (TensorScope s = new TensorScope()) {
            int n = 300_001;
            float[] a = uniform(n, 6, 1);
            float[] b = uniform(n, 7, 1);
            Tensor ca = s.floats(d.cpu(), Shape.of(n), a);
            Tensor cb = s.floats(d.cpu(), Shape.of(n), b);
            Tensor ga = s.floats(d.gpu(), Shape.of(n), a);
            Tensor gb = s.floats(d.gpu(), Shape.of(n), b);
            // both accumulate in double; only the order of additions differs
            c.close("sum", d.cpu().sum(ca), d.gpu().sum(ga), 1e-9, 1e-12);
            c.close("dot", d.cpu().dot(ca, cb), d.gpu().dot(ga, gb), 1e-9, 1e-12);
            c.close("sum of a view", d.cpu().sum(ca.rows(10, 20)), d.gpu().sum(ga.rows(10, 20)), 1e-9, 1e-12);
        }
        return c.result();
    }

    private static CheckResult gemm(Devices d) {
        Comparison c = new Comparison("gemm");
        int m = 37;
        int n = 53;
        int k = 29;
        try (TensorScope s = new TensorScope()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Shape as = ta ? Shape.of(k, m) : Shape.of(m, k);
                    Shape bs = tb ? Shape.of(n, k) : Shape.of(k, n);
                    float[] a = uniform(m * k, 8, 1);
                    float[] b = uniform(k * n, 9, 1);
                    float[] c0 = uniform(m * n, 10, 1);
                    Tensor cc = s.floats(d.cpu(), Shape.of(m, n), c0);
                    Tensor gc = s.floats(d.gpu(), Shape.of(m, n), c0);
                    d.cpu().gemm(ta, tb, 1.3, s.floats(d.cpu(), as, a), s.floats(d.cpu(), bs, b), 0.7, cc);
                    d.gpu().gemm(ta, tb, 1.3, s.floats(d.gpu(), as, a), s.floats(d.gpu(), bs, b), 0.7, gc);
                    // FP32 sums of 29 products of magnitude <= 1.3: reassociation error well under 1e-4
                    c.close("C (transA " + ta + ", transB " + tb + ")", cc.toFloatArray(), gc.toFloatArray(), 1e-4, 1e-5);
                }
            }
        }
        return c.result();
    }

    private static CheckResult fillUniform(Devices d) {
        Comparison c = new Comparison("fill-uniform");
        try (TensorScope s = new TensorScope()) {
            Tensor ct = s.zeros(d.cpu(), Shape.of(1003));
            Tensor gt = s.zeros(d.gpu(), Shape.of(1003));
            RngStream cr = RngStream.seeded(11);
            RngStream gr = RngStream.seeded(11);
            cr.nextInt();
            gr.nextInt();
            d.cpu().fillUniform(ct, cr, -0.2, 0.7);
            d.gpu().fillUniform(gt, gr, -0.2, 0.7);
            c.close("the same Philox draws", ct.toFloatArray(), gt.toFloatArray(), 0, 0);
            c.close("the stream advanced alike", cr.nextInt(), gr.nextInt(), 0, 0);
        }
        return c.result();
    }

    /**
     * Forward (with bias), backward data, filter and bias of one geometry on the given CUDA backend,
     * against the CPU. {@code tol} is both atol and rtol: FP32 cuDNN against the CPU's float GEMMs
     * differs by reassociation (~1e-6 relative to the magnitudes here); TF32 rounds inputs to 10
     * mantissa bits (~1e-3 relative).
     */
    private static CheckResult conv(Devices d, String name, Backend gpu, ConvGeometry g, AlgorithmPolicy policy,
            double tol) {
        Comparison c = new Comparison(name);
        try (TensorScope s = new TensorScope()) {
            float[] x = uniform(size(g.inputShape()), 12, 1);
            float[] w = uniform(size(g.weightShape()), 13, 0.5);
            float[] b = uniform(size(g.biasShape()), 14, 1);
            float[] dy = uniform(size(g.outputShape()), 15, 1);
            ConvPlan cp = s.keep(d.cpu().ops().conv().plan(g, DType.FLOAT32, AlgorithmPolicy.defaults()));
            ConvPlan gp = s.keep(gpu.ops().conv().plan(g, DType.FLOAT32, policy));
            Tensor cx = s.floats(d.cpu(), g.inputShape(), x);
            Tensor gx = s.floats(gpu, g.inputShape(), x);
            Tensor cw = s.floats(d.cpu(), g.weightShape(), w);
            Tensor gw = s.floats(gpu, g.weightShape(), w);
            Tensor cb = s.floats(d.cpu(), g.biasShape(), b);
            Tensor gb = s.floats(gpu, g.biasShape(), b);
            Tensor cdy = s.floats(d.cpu(), g.outputShape(), dy);
            Tensor gdy = s.floats(gpu, g.outputShape(), dy);
            Tensor cy = s.zeros(d.cpu(), g.outputShape());
            Tensor gy = s.zeros(gpu, g.outputShape());
            d.cpu().ops().conv().forward(cp, cx, cw, cb, cy);
            gpu.ops().conv().forward(gp, gx, gw, gb, gy);
            c.close("y", cy.toFloatArray(), gy.toFloatArray(), tol, tol);
            Tensor cdx = s.zeros(d.cpu(), g.inputShape());
            Tensor gdx = s.zeros(gpu, g.inputShape());
            d.cpu().ops().conv().backwardData(cp, cdy, cw, cdx);
            gpu.ops().conv().backwardData(gp, gdy, gw, gdx);
            c.close("dx", cdx.toFloatArray(), gdx.toFloatArray(), tol, tol);
            Tensor cdw = s.zeros(d.cpu(), g.weightShape());
            Tensor gdw = s.zeros(gpu, g.weightShape());
            d.cpu().ops().conv().backwardFilter(cp, cx, cdy, cdw);
            gpu.ops().conv().backwardFilter(gp, gx, gdy, gdw);
            c.close("dWeight", cdw.toFloatArray(), gdw.toFloatArray(), 10 * tol, tol);
            Tensor cdb = s.zeros(d.cpu(), g.biasShape());
            Tensor gdb = s.zeros(gpu, g.biasShape());
            d.cpu().ops().conv().backwardBias(cp, cdy, cdb);
            gpu.ops().conv().backwardBias(gp, gdy, gdb);
            c.close("dBias", cdb.toFloatArray(), gdb.toFloatArray(), 10 * tol, tol);
            Map<ConvPass, String> algorithms = gp.algorithms();
            c.note(algorithms.toString());
            if (!policy.winograd() && algorithms.values().stream().anyMatch(a -> a.contains("winograd"))) {
                c.fail("winograd=off chose " + algorithms);
            }
        }
        return c.result();
    }

    private static CheckResult asymmetricRefused(Devices d) {
        Comparison c = new Comparison("conv/asymmetric-padding-refused");
        ConvGeometry g = ConvGeometry.of(Layout.NCHW, Shape.of(1, 2, 8, 8), 3, 3, 3, 2, 2, Padding.same(), false);
        try (ConvPlan p = d.gpu().ops().conv().plan(g, DType.FLOAT32, AlgorithmPolicy.defaults())) {
            c.fail("a SAME padding of " + g.padTop() + "/" + g.padBottom() + " was planned as " + p.algorithms());
        } catch (IllegalArgumentException e) {
            c.note(e.getMessage());
        }
        return c.result();
    }

    private static CheckResult pool(Devices d, String name, PoolGeometry g) {
        Comparison c = new Comparison(name);
        try (TensorScope s = new TensorScope()) {
            float[] x = uniform(size(g.inputShape()), 16, 1);
            float[] dy = uniform(size(g.outputShape()), 17, 1);
            PoolPlan cp = s.keep(d.cpu().ops().pool().plan(g, DType.FLOAT32));
            PoolPlan gp = s.keep(d.gpu().ops().pool().plan(g, DType.FLOAT32));
            Tensor cx = s.floats(d.cpu(), g.inputShape(), x);
            Tensor gx = s.floats(d.gpu(), g.inputShape(), x);
            Tensor cy = s.zeros(d.cpu(), g.outputShape());
            Tensor gy = s.zeros(d.gpu(), g.outputShape());
            d.cpu().ops().pool().forward(cp, cx, cy);
            d.gpu().ops().pool().forward(gp, gx, gy);
            c.close("y", cy.toFloatArray(), gy.toFloatArray(), 0, 0);
            Tensor cdx = s.zeros(d.cpu(), g.inputShape());
            Tensor gdx = s.zeros(d.gpu(), g.inputShape());
            d.cpu().ops().pool().backward(cp, cx, cy, s.floats(d.cpu(), g.outputShape(), dy), cdx);
            d.gpu().ops().pool().backward(gp, gx, gy, s.floats(d.gpu(), g.outputShape(), dy), gdx);
            // overlapping windows add two gradients in either order
            c.close("dx", cdx.toFloatArray(), gdx.toFloatArray(), 1e-6, 1e-6);
        }
        return c.result();
    }

    private static CheckResult poolCeilRefused(Devices d) {
        Comparison c = new Comparison("pool/ceil-refused");
        PoolGeometry g = PoolGeometry.of(Layout.NCHW, Shape.of(1, 1, 8, 8), 3, 3, 2, 2, Padding.none(), true);
        try (PoolPlan p = d.gpu().ops().pool().plan(g, DType.FLOAT32)) {
            c.fail("ceil pooling to " + g.outHeight() + "x" + g.outWidth() + " was planned: " + p);
        } catch (IllegalArgumentException e) {
            c.note(e.getMessage());
        }
        return c.result();
    }

    private static CheckResult activation(Devices d, String name, Activation kind) {
        Comparison c = new Comparison(name);
        try (TensorScope s = new TensorScope()) {
            float[] x = uniform(2053, 18, 4);
            float[] dy = uniform(2053, 19, 1);
            Tensor cy = s.zeros(d.cpu(), Shape.of(2053));
            Tensor gy = s.zeros(d.gpu(), Shape.of(2053));
            d.cpu().ops().activation().forward(kind, s.floats(d.cpu(), Shape.of(2053), x), cy);
            d.gpu().ops().activation().forward(kind, s.floats(d.gpu(), Shape.of(2053), x), gy);
            // cuDNN's float expf/tanhf against Java's double exp/tanh rounded to float: a few float ulps
            c.close("y", cy.toFloatArray(), gy.toFloatArray(), 5e-6, 5e-6);
            Tensor cdx = s.zeros(d.cpu(), Shape.of(2053));
            Tensor gdx = s.zeros(d.gpu(), Shape.of(2053));
            d.cpu().ops().activation().backward(kind, cy, s.floats(d.cpu(), Shape.of(2053), dy), cdx);
            d.gpu().ops().activation().backward(kind, gy, s.floats(d.gpu(), Shape.of(2053), dy), gdx);
            c.close("dx", cdx.toFloatArray(), gdx.toFloatArray(), 5e-6, 5e-6);
        }
        return c.result();
    }

    private static CheckResult dropout(Devices d) {
        Comparison c = new Comparison("dropout");
        int n = 1001;
        try (TensorScope s = new TensorScope()) {
            float[] x = uniform(n, 20, 1);
            float[] dy = uniform(n, 21, 1);
            Tensor cm = s.zeros(d.cpu(), Shape.of(n));
            Tensor gm = s.zeros(d.gpu(), Shape.of(n));
            Tensor cy = s.zeros(d.cpu(), Shape.of(n));
            Tensor gy = s.zeros(d.gpu(), Shape.of(n));
            RngStream cr = RngStream.seeded(22).split("dropout");
            RngStream gr = RngStream.seeded(22).split("dropout");
            for (int step = 0; step < 2; step++) {
                d.cpu().ops().dropout().forward(0.3, cr, s.floats(d.cpu(), Shape.of(n), x), cm, cy);
                d.gpu().ops().dropout().forward(0.3, gr, s.floats(d.gpu(), Shape.of(n), x), gm, gy);
                c.close("mask step " + step, cm.toFloatArray(), gm.toFloatArray(), 0, 0);
                c.close("y step " + step, cy.toFloatArray(), gy.toFloatArray(), 0, 0);
            }
            Tensor cdx = s.zeros(d.cpu(), Shape.of(n));
            Tensor gdx = s.zeros(d.gpu(), Shape.of(n));
            d.cpu().ops().dropout().backward(cm, s.floats(d.cpu(), Shape.of(n), dy), cdx);
            d.gpu().ops().dropout().backward(gm, s.floats(d.gpu(), Shape.of(n), dy), gdx);
            c.close("dx", cdx.toFloatArray(), gdx.toFloatArray(), 0, 0);
        }
        return c.result();
    }

    private static CheckResult softmaxCe(Devices d, String name, boolean sparse, LossSpec spec, double logitScale) {
        Comparison c = new Comparison(name);
        int n = 7;
        int classes = 5;
        try (TensorScope s = new TensorScope()) {
            float[] z = uniform(n * classes, 23, logitScale);
            int[] labels = new int[n];
            float[] oneHot = new float[n * classes];
            RngStream rng = RngStream.seeded(24);
            for (int i = 0; i < n; i++) {
                labels[i] = rng.nextInt(classes);
                oneHot[i * classes + labels[i]] = 1;
            }
            Shape zs = Shape.of(n, classes);
            Tensor cl = sparse ? s.ints(d.cpu(), Shape.of(n), labels) : s.floats(d.cpu(), zs, oneHot);
            Tensor gl = sparse ? s.ints(d.gpu(), Shape.of(n), labels) : s.floats(d.gpu(), zs, oneHot);
            Tensor cp = s.zeros(d.cpu(), zs);
            Tensor gp = s.zeros(d.gpu(), zs);
            Tensor closs = s.zeros(d.cpu(), Shape.of(1));
            Tensor gloss = s.zeros(d.gpu(), Shape.of(1));
            d.cpu().ops().softmaxCrossEntropy().forward(spec, s.floats(d.cpu(), zs, z), cl, cp, closs);
            d.gpu().ops().softmaxCrossEntropy().forward(spec, s.floats(d.gpu(), zs, z), gl, gp, gloss);
            c.close("probabilities", cp.toFloatArray(), gp.toFloatArray(), 1e-7, 1e-6);
            c.close("loss", closs.toFloatArray(), gloss.toFloatArray(), 1e-6, 1e-6);
            Tensor cdz = s.zeros(d.cpu(), zs);
            Tensor gdz = s.zeros(d.gpu(), zs);
            d.cpu().ops().softmaxCrossEntropy().backward(spec, cp, cl, cdz);
            d.gpu().ops().softmaxCrossEntropy().backward(spec, gp, gl, gdz);
            c.close("dLogits", cdz.toFloatArray(), gdz.toFloatArray(), 1e-7, 1e-6);
        }
        return c.result();
    }

    private static CheckResult bias(Devices d, String name, Shape shape, int axis) {
        Comparison c = new Comparison(name);
        try (TensorScope s = new TensorScope()) {
            float[] y = uniform(size(shape), 25, 1);
            float[] b = uniform(shape.dim(axis), 26, 1);
            Tensor cy = s.floats(d.cpu(), shape, y);
            Tensor gy = s.floats(d.gpu(), shape, y);
            d.cpu().ops().bias().forward(s.floats(d.cpu(), Shape.of(shape.dim(axis)), b), cy, axis);
            d.gpu().ops().bias().forward(s.floats(d.gpu(), Shape.of(shape.dim(axis)), b), gy, axis);
            c.close("y + bias", cy.toFloatArray(), gy.toFloatArray(), 0, 0);
            Tensor cdb = s.zeros(d.cpu(), Shape.of(shape.dim(axis)));
            Tensor gdb = s.zeros(d.gpu(), Shape.of(shape.dim(axis)));
            d.cpu().ops().bias().backward(cy, cdb, axis);
            d.gpu().ops().bias().backward(gy, gdb, axis);
            c.close("dBias", cdb.toFloatArray(), gdb.toFloatArray(), 1e-5, 1e-6);
        }
        return c.result();
    }

    private static CheckResult permute(Devices d) {
        Comparison c = new Comparison("permute");
        try (TensorScope s = new TensorScope()) {
            Shape in = Shape.of(2, 3, 4, 5);
            float[] x = uniform(size(in), 27, 1);
            Tensor cy = s.zeros(d.cpu(), Shape.of(2, 4, 5, 3));
            Tensor gy = s.zeros(d.gpu(), Shape.of(2, 4, 5, 3));
            d.cpu().ops().layout().permute(s.floats(d.cpu(), in, x), cy, 0, 2, 3, 1);
            d.gpu().ops().layout().permute(s.floats(d.gpu(), in, x), gy, 0, 2, 3, 1);
            c.close("NCHW to NHWC", cy.toFloatArray(), gy.toFloatArray(), 0, 0);
            Tensor cz = s.zeros(d.cpu(), Shape.of(5, 2, 3, 4));
            Tensor gz = s.zeros(d.gpu(), Shape.of(5, 2, 3, 4));
            d.cpu().ops().layout().permute(s.floats(d.cpu(), in, x), cz, 3, 0, 1, 2);
            d.gpu().ops().layout().permute(s.floats(d.gpu(), in, x), gz, 3, 0, 1, 2);
            c.close("last axis first", cz.toFloatArray(), gz.toFloatArray(), 0, 0);
        }
        return c.result();
    }

    private static CheckResult sgdMomentum(Devices d, String name, MomentumRule rule) {
        Comparison c = new Comparison(name);
        int n = 777;
        try (TensorScope s = new TensorScope()) {
            float[] w = uniform(n, 28, 1);
            float[] g = uniform(n, 29, 1);
            float[] v = uniform(n, 30, 0.1);
            Tensor cw = s.floats(d.cpu(), Shape.of(n), w);
            Tensor gw = s.floats(d.gpu(), Shape.of(n), w);
            Tensor cv = s.floats(d.cpu(), Shape.of(n), v);
            Tensor gv = s.floats(d.gpu(), Shape.of(n), v);
            for (int step = 0; step < 3; step++) {
                double lr = step == 2 ? 0.05 : 0.01;
                d.cpu().ops().optimizer().sgdMomentum(rule, lr, 0.9, 0.5, 1e-4, cw, s.floats(d.cpu(), Shape.of(n), g), cv);
                d.gpu().ops().optimizer().sgdMomentum(rule, lr, 0.9, 0.5, 1e-4, gw, s.floats(d.gpu(), Shape.of(n), g), gv);
            }
            // the same double expressions in the same order on both sides
            c.close("weight", cw.toFloatArray(), gw.toFloatArray(), 0, 0);
            c.close("velocity", cv.toFloatArray(), gv.toFloatArray(), 0, 0);
        }
        return c.result();
    }

    /** Steps 1 to 3 (the bias corrections change with the step) with gradient scaling and weight decay. */
    private static CheckResult adam(Devices d, String name, AdamRule rule) {
        Comparison c = new Comparison(name);
        int n = 777;
        try (TensorScope s = new TensorScope()) {
            float[] w = uniform(n, 31, 1);
            Tensor cw = s.floats(d.cpu(), Shape.of(n), w);
            Tensor gw = s.floats(d.gpu(), Shape.of(n), w);
            Tensor cm = s.zeros(d.cpu(), Shape.of(n));
            Tensor gm = s.zeros(d.gpu(), Shape.of(n));
            Tensor cv = s.zeros(d.cpu(), Shape.of(n));
            Tensor gv = s.zeros(d.gpu(), Shape.of(n));
            for (int step = 1; step <= 3; step++) {
                float[] g = uniform(n, 31 + step, 1);
                d.cpu().ops().optimizer().adam(rule, 0.01, 0.9, 0.999, 1e-8, step, 0.5, 1e-4, cw,
                        s.floats(d.cpu(), Shape.of(n), g), cm, cv);
                d.gpu().ops().optimizer().adam(rule, 0.01, 0.9, 0.999, 1e-8, step, 0.5, 1e-4, gw,
                        s.floats(d.gpu(), Shape.of(n), g), gm, gv);
            }
            // the same double expressions in the same order on both sides (sqrt and division are correctly rounded)
            c.close("weight", cw.toFloatArray(), gw.toFloatArray(), 0, 0);
            c.close("m", cm.toFloatArray(), gm.toFloatArray(), 0, 0);
            c.close("v", cv.toFloatArray(), gv.toFloatArray(), 0, 0);
        }
        return c.result();
    }

    private static CheckResult float64Refused(Devices d) {
        Comparison c = new Comparison("float64-refused");
        try (Tensor t = d.gpu().allocate(DType.FLOAT64, Shape.of(2))) {
            c.fail("allocated " + t);
        } catch (IllegalArgumentException e) {
            c.note(e.getMessage());
        }
        return c.result();
    }
}
