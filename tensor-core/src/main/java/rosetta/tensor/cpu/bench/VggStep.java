package rosetta.tensor.cpu.bench;

import java.util.ArrayList;
import java.util.List;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Resources;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPlan;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolPlan;
import rosetta.tensor.random.RngStream;

/**
 * One training step of the benchmark's VGG-style network (reference/benchmark.md section 3) written
 * straight against the backend's ops, NCHW, batch 64: conv 3-50 + ReLU, conv 50-50, max-pool, ReLU,
 * dropout 0.25, conv 50-100 + ReLU, conv 100-100, max-pool, ReLU, dropout 0.25, dense 6400-512 + ReLU,
 * dropout 0.5, dense 512-10, softmax cross-entropy; then the backward pass (no gradient to the input, as
 * no framework computes one) and a momentum-SGD update of the twelve parameters. ReLU follows the pools,
 * as most of the notebooks write it; the ReLUs of conv 1 and 3 ride in the convolution's epilogue. It
 * stands in for the layer-level step until the layers exist, and costs what they will cost, bar the
 * layers' own bookkeeping.
 */
final class VggStep implements AutoCloseable {
    static final int BATCH = 64;
    /** Forward + both backward passes, the brief's count: 3 x 7.97 GFLOP. */
    static final double FLOPS = 23.9e9;

    private static final LossSpec LOSS = LossSpec.fusedMean();

    private final CpuBackend cpu;
    private final Resources owned = new Resources();
    private final RngStream dropoutRng = RngStream.seeded(7).split("dropout");
    private final ConvPlan[] conv = new ConvPlan[4];
    private final PoolPlan[] pool = new PoolPlan[2];
    private final Tensor x;
    private final Tensor labels;
    private final Tensor[] w = new Tensor[6];
    private final Tensor[] b = new Tensor[6];
    private final Tensor[] dw = new Tensor[6];
    private final Tensor[] db = new Tensor[6];
    private final Tensor[] vw = new Tensor[6];
    private final Tensor[] vb = new Tensor[6];
    private final Tensor a1;
    private final Tensor z2;
    private final Tensor p1;
    private final Tensor m1;
    private final Tensor d1;
    private final Tensor a3;
    private final Tensor z4;
    private final Tensor p2;
    private final Tensor m2;
    private final Tensor d2;
    private final Tensor h5;
    private final Tensor m5;
    private final Tensor d5;
    private final Tensor logits;
    private final Tensor probabilities;
    private final Tensor loss;
    private final Tensor dLogits;
    private final Tensor dd5;
    private final Tensor dd2;
    private final Tensor dp2;
    private final Tensor dz4;
    private final Tensor da3;
    private final Tensor dd1;
    private final Tensor dp1;
    private final Tensor dz2;
    private final Tensor da1;
    private final Tensor d2Flat;
    private final Tensor dd2Flat;

    VggStep(CpuBackend cpu) {
        this.cpu = cpu;
        List<ConvGeometry> g = CpuBench.vggConvolutions(Layout.NCHW);
        for (int i = 0; i < 4; i++) {
            conv[i] = own(cpu.ops().conv().plan(g.get(i), DType.FLOAT32, AlgorithmPolicy.defaults()));
            w[i] = param(g.get(i).weightShape(), i, 0.1);
            b[i] = param(g.get(i).biasShape(), 10 + i, 0.01);
        }
        w[4] = param(Shape.of(512, 6400), 4, 0.02);
        b[4] = param(Shape.of(512), 14, 0.01);
        w[5] = param(Shape.of(10, 512), 5, 0.05);
        b[5] = param(Shape.of(10), 15, 0.01);
        for (int i = 0; i < 6; i++) {
            dw[i] = zeros(w[i].shape());
            db[i] = zeros(b[i].shape());
            vw[i] = zeros(w[i].shape());
            vb[i] = zeros(b[i].shape());
        }
        x = param(g.get(0).inputShape(), 20, 1);
        int[] classes = new int[BATCH];
        RngStream labelRng = RngStream.seeded(21);
        for (int i = 0; i < BATCH; i++) {
            classes[i] = labelRng.nextInt(10);
        }
        labels = own(cpu.allocate(DType.INT32, Shape.of(BATCH)));
        cpu.copyFromHost(classes, 0, labels);

        a1 = zeros(g.get(0).outputShape());
        z2 = zeros(g.get(1).outputShape());
        PoolGeometry pool1 = PoolGeometry.of(Layout.NCHW, z2.shape(), 2, 2, 2, 2, Padding.none(), false);
        pool[0] = own(cpu.ops().pool().plan(pool1, DType.FLOAT32));
        p1 = zeros(pool1.outputShape());
        m1 = zeros(p1.shape());
        d1 = zeros(p1.shape());
        a3 = zeros(g.get(2).outputShape());
        z4 = zeros(g.get(3).outputShape());
        PoolGeometry pool2 = PoolGeometry.of(Layout.NCHW, z4.shape(), 2, 2, 2, 2, Padding.none(), false);
        pool[1] = own(cpu.ops().pool().plan(pool2, DType.FLOAT32));
        p2 = zeros(pool2.outputShape());
        m2 = zeros(p2.shape());
        d2 = zeros(p2.shape());
        d2Flat = d2.reshape(Shape.of(BATCH, 6400));
        h5 = zeros(Shape.of(BATCH, 512));
        m5 = zeros(h5.shape());
        d5 = zeros(h5.shape());
        logits = zeros(Shape.of(BATCH, 10));
        probabilities = zeros(logits.shape());
        loss = zeros(Shape.of(1));
        dLogits = zeros(logits.shape());
        dd5 = zeros(d5.shape());
        dd2 = zeros(d2.shape());
        dd2Flat = dd2.reshape(Shape.of(BATCH, 6400));
        dp2 = zeros(p2.shape());
        dz4 = zeros(z4.shape());
        da3 = zeros(a3.shape());
        dd1 = zeros(d1.shape());
        dp1 = zeros(p1.shape());
        dz2 = zeros(z2.shape());
        da1 = zeros(a1.shape());
    }

    /** The convolution algorithm of each layer's passes, as the heuristic picked them. */
    List<String> algorithms() {
        List<String> out = new ArrayList<>();
        for (ConvPlan p : conv) {
            out.add(p.algorithms().toString());
        }
        return out;
    }

    void step() {
        forward();
        backward();
        update();
    }

    private void forward() {
        cpu.ops().conv().forward(conv[0], x, w[0], b[0], Activation.RELU, a1);
        cpu.ops().conv().forward(conv[1], a1, w[1], b[1], z2);
        cpu.ops().pool().forward(pool[0], z2, p1);
        cpu.ops().activation().forward(Activation.RELU, p1, p1);
        cpu.ops().dropout().forward(0.25, dropoutRng, p1, m1, d1);
        cpu.ops().conv().forward(conv[2], d1, w[2], b[2], Activation.RELU, a3);
        cpu.ops().conv().forward(conv[3], a3, w[3], b[3], z4);
        cpu.ops().pool().forward(pool[1], z4, p2);
        cpu.ops().activation().forward(Activation.RELU, p2, p2);
        cpu.ops().dropout().forward(0.25, dropoutRng, p2, m2, d2);
        cpu.gemm(false, true, 1, d2Flat, w[4], 0, h5);
        cpu.ops().bias().forward(b[4], h5, 1);
        cpu.ops().activation().forward(Activation.RELU, h5, h5);
        cpu.ops().dropout().forward(0.5, dropoutRng, h5, m5, d5);
        cpu.gemm(false, true, 1, d5, w[5], 0, logits);
        cpu.ops().bias().forward(b[5], logits, 1);
        cpu.ops().softmaxCrossEntropy().forward(LOSS, logits, labels, probabilities, loss);
    }

    private void backward() {
        cpu.ops().softmaxCrossEntropy().backward(LOSS, probabilities, labels, dLogits);
        dense(5, dLogits, d5, dd5);
        cpu.ops().dropout().backward(m5, dd5, dd5);
        cpu.ops().activation().backward(Activation.RELU, h5, dd5, dd5);
        dense(4, dd5, d2Flat, dd2Flat);
        cpu.ops().dropout().backward(m2, dd2, dd2);
        cpu.ops().activation().backward(Activation.RELU, p2, dd2, dp2);
        cpu.ops().pool().backward(pool[1], z4, p2, dp2, dz4);
        convBackward(3, a3, dz4, da3);
        cpu.ops().activation().backward(Activation.RELU, a3, da3, da3);
        convBackward(2, d1, da3, dd1);
        cpu.ops().dropout().backward(m1, dd1, dd1);
        cpu.ops().activation().backward(Activation.RELU, p1, dd1, dp1);
        cpu.ops().pool().backward(pool[0], z2, p1, dp1, dz2);
        convBackward(1, a1, dz2, da1);
        cpu.ops().activation().backward(Activation.RELU, a1, da1, da1);
        convBackward(0, x, da1, null);
    }

    /** dW = dy^T x, db = sum of dy, dx = dy W for a dense layer y = x W^T + b. */
    private void dense(int layer, Tensor dy, Tensor input, Tensor dx) {
        cpu.gemm(true, false, 1, dy, input, 0, dw[layer]);
        cpu.ops().bias().backward(dy, db[layer], 1);
        cpu.gemm(false, false, 1, dy, w[layer], 0, dx);
    }

    private void convBackward(int layer, Tensor input, Tensor dy, Tensor dx) {
        cpu.ops().conv().backwardFilter(conv[layer], input, dy, dw[layer]);
        cpu.ops().conv().backwardBias(conv[layer], dy, db[layer]);
        if (dx != null) {
            cpu.ops().conv().backwardData(conv[layer], dy, w[layer], dx);
        }
    }

    private void update() {
        for (int i = 0; i < 6; i++) {
            cpu.ops().optimizer().sgdMomentum(MomentumRule.LR_OUTSIDE, 0.01, 0.9, 1, 0, w[i], dw[i], vw[i]);
            cpu.ops().optimizer().sgdMomentum(MomentumRule.LR_OUTSIDE, 0.01, 0.9, 1, 0, b[i], db[i], vb[i]);
        }
    }

    private Tensor param(Shape shape, long seed, double scale) {
        Tensor t = zeros(shape);
        cpu.fillUniform(t, RngStream.seeded(seed), -scale, scale);
        return t;
    }

    private Tensor zeros(Shape shape) {
        return own(cpu.allocate(DType.FLOAT32, shape));
    }

    private <T extends AutoCloseable> T own(T resource) {
        return owned.own(resource);
    }

    @Override
    public void close() {
        owned.close();
    }
}
