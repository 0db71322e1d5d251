package rosetta.cuda.check;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
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
 * The ops chained as a training step of a small VGG-shaped network (conv, ReLU, max-pool, dropout,
 * dense, softmax cross-entropy, SGD with momentum), three steps on each backend from the same weights
 * and data: the losses and the updated weights must agree. It catches what op-by-op checks cannot: an
 * in-place operation or a reused buffer that the GPU's queued work sees in the wrong state.
 */
final class TrainingStepCheck {
    private static final int N = 8;
    private static final int CLASSES = 10;
    private static final ConvGeometry CONV = ConvGeometry.of(Layout.NCHW, Shape.of(N, 3, 8, 8), 6, 3, 3, 1, 1,
            Padding.symmetric(1), false);
    private static final PoolGeometry POOL = PoolGeometry.of(Layout.NCHW, CONV.outputShape(), 2, 2, 2, 2,
            Padding.none(), false);
    private static final int FEATURES = Math.toIntExact(POOL.outputShape().sizeFrom(1));

    private TrainingStepCheck() {
    }

    static CheckResult run(CudaOpChecks.Devices d) {
        Comparison c = new Comparison("training-steps");
        try (TensorScope s = new TensorScope()) {
            Net cpu = new Net(d.cpu(), s);
            Net gpu = new Net(d.gpu(), s);
            for (int step = 0; step < 3; step++) {
                float[] x = CudaOpChecks.uniform(Math.toIntExact(CONV.inputShape().size()), 100 + step, 1);
                int[] labels = new int[N];
                for (int i = 0; i < N; i++) {
                    labels[i] = (i * 7 + step) % CLASSES;
                }
                double cpuLoss = cpu.step(x, labels, step);
                double gpuLoss = gpu.step(x, labels, step);
                c.close("loss at step " + step, cpuLoss, gpuLoss, 1e-5, 1e-4);
            }
            c.close("conv weight", cpu.convWeight.toFloatArray(), gpu.convWeight.toFloatArray(), 1e-5, 1e-4);
            c.close("dense weight", cpu.denseWeight.toFloatArray(), gpu.denseWeight.toFloatArray(), 1e-5, 1e-4);
            c.close("dense velocity", cpu.denseVelocity.toFloatArray(), gpu.denseVelocity.toFloatArray(), 1e-5, 1e-4);
        }
        return c.result();
    }

    /** The network's parameters and activations on one backend. */
    private static final class Net {
        private final Backend b;
        private final TensorScope s;
        private final ConvPlan conv;
        private final PoolPlan pool;
        final Tensor convWeight;
        private final Tensor convBias;
        final Tensor denseWeight;
        private final Tensor denseBias;
        private final Tensor[] velocities;
        final Tensor denseVelocity;

        Net(Backend b, TensorScope s) {
            this.b = b;
            this.s = s;
            this.conv = s.keep(b.ops().conv().plan(CONV, DType.FLOAT32, AlgorithmPolicy.defaults()));
            this.pool = s.keep(b.ops().pool().plan(POOL, DType.FLOAT32));
            this.convWeight = s.floats(b, CONV.weightShape(), CudaOpChecks.uniform(Math.toIntExact(CONV.weightShape().size()), 40, 0.3));
            this.convBias = s.floats(b, CONV.biasShape(), CudaOpChecks.uniform(6, 41, 0.1));
            this.denseWeight = s.floats(b, Shape.of(FEATURES, CLASSES), CudaOpChecks.uniform(FEATURES * CLASSES, 42, 0.2));
            this.denseBias = s.floats(b, Shape.of(CLASSES), new float[CLASSES]);
            this.velocities = new Tensor[] {s.zeros(b, CONV.weightShape()), s.zeros(b, CONV.biasShape()),
                s.zeros(b, denseWeight.shape()), s.zeros(b, denseBias.shape())};
            this.denseVelocity = velocities[2];
        }

        /** One forward, backward and update; returns the loss (the only value read back, as a trainer would). */
        double step(float[] input, int[] labels, int step) {
            Tensor x = s.floats(b, CONV.inputShape(), input);
            Tensor y = s.zeros(b, CONV.outputShape());
            b.ops().conv().forward(conv, x, convWeight, convBias, y);
            b.ops().activation().forward(Activation.RELU, y, y);
            Tensor pooled = s.zeros(b, POOL.outputShape());
            b.ops().pool().forward(pool, y, pooled);
            Tensor mask = s.zeros(b, POOL.outputShape());
            Tensor dropped = s.zeros(b, POOL.outputShape());
            b.ops().dropout().forward(0.25, RngStream.seeded(7).split(step), pooled, mask, dropped);
            Tensor flat = dropped.reshape(Shape.of(N, FEATURES));
            Tensor logits = s.zeros(b, Shape.of(N, CLASSES));
            b.gemm(false, false, 1, flat, denseWeight, 0, logits);
            b.ops().bias().forward(denseBias, logits, 1);
            Tensor probabilities = s.zeros(b, logits.shape());
            Tensor loss = s.zeros(b, Shape.of(1));
            Tensor target = s.ints(b, Shape.of(N), labels);
            b.ops().softmaxCrossEntropy().forward(LossSpec.fusedMean(), logits, target, probabilities, loss);

            Tensor dLogits = s.zeros(b, logits.shape());
            b.ops().softmaxCrossEntropy().backward(LossSpec.fusedMean(), probabilities, target, dLogits);
            Tensor dDenseWeight = s.zeros(b, denseWeight.shape());
            Tensor dDenseBias = s.zeros(b, denseBias.shape());
            b.gemm(true, false, 1, flat, dLogits, 0, dDenseWeight);
            b.ops().bias().backward(dLogits, dDenseBias, 1);
            Tensor dFlat = s.zeros(b, flat.shape());
            b.gemm(false, true, 1, dLogits, denseWeight, 0, dFlat);
            Tensor dPooled = s.zeros(b, POOL.outputShape());
            b.ops().dropout().backward(mask, dFlat.reshape(POOL.outputShape()), dPooled);
            Tensor dy = s.zeros(b, CONV.outputShape());
            b.ops().pool().backward(pool, y, pooled, dPooled, dy);
            b.ops().activation().backward(Activation.RELU, y, dy, dy);
            Tensor dConvWeight = s.zeros(b, convWeight.shape());
            Tensor dConvBias = s.zeros(b, convBias.shape());
            b.ops().conv().backwardFilter(conv, x, dy, dConvWeight);
            b.ops().conv().backwardBias(conv, dy, dConvBias);

            Tensor[] params = {convWeight, convBias, denseWeight, denseBias};
            Tensor[] grads = {dConvWeight, dConvBias, dDenseWeight, dDenseBias};
            for (int i = 0; i < params.length; i++) {
                b.ops().optimizer().sgdMomentum(MomentumRule.LR_OUTSIDE, 0.05, 0.9, 1, 0, params[i], grads[i], velocities[i]);
            }
            return loss.toFloatArray()[0];
        }
    }
}
