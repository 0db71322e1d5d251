package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Resources;
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
import rosetta.tensor.testing.TestData;

/**
 * A small conv net's training step, run on two threads with every fast path it has (im2col and Winograd
 * convolutions with the fused epilogue, pooling, ReLU, dropout, dense GEMMs, bias, softmax-CE, SGD):
 * once warm it allocates nothing, and it computes the same bits every time.
 */
class SteadyStateTest {
    private static final CpuBackend CPU = new CpuBackend(OpenBlasSgemm::new, 2);

    @AfterAll
    static void close() {
        CPU.close();
    }

    /**
     * HotSpot's per-thread allocation counters, on the calling thread and the backend's workers. The
     * median step must allocate nothing: a per-call allocation anywhere would show in every step, while
     * the JVM's own rare allocations (a deoptimisation rebuilding a frame) show in a few.
     */
    @Test
    void aWarmStepAllocatesNothing() {
        try (Net net = new Net(RngStream.seeded(1))) {
            for (int i = 0; i < 5; i++) {
                net.step();
            }
            Counters counters = new Counters();
            long[] perStep = new long[21];
            for (int i = 0; i < perStep.length; i++) {
                long before = counters.total();
                net.step();
                perStep[i] = counters.total() - before;
            }
            Arrays.sort(perStep);
            assertEquals(0, perStep[perStep.length / 2], "median bytes allocated per warm step, of "
                    + Arrays.toString(perStep));
        }
    }

    @Test
    void sameSeedSameThreadsSameBits() {
        float[][] first;
        float[][] second;
        try (Net net = new Net(RngStream.seeded(2))) {
            first = net.train(3);
        }
        try (Net net = new Net(RngStream.seeded(2))) {
            second = net.train(3);
        }
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i], "parameter " + i);
        }
    }

    private static final class Counters {
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final long[] ids;

        Counters() {
            List<Long> found = new ArrayList<>();
            found.add(Thread.currentThread().getId());
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("rosetta-cpu-")) {
                    found.add(t.getId());
                }
            }
            ids = found.stream().mapToLong(Long::longValue).toArray();
        }

        long total() {
            long sum = 0;
            for (long id : ids) {
                sum += threads.getThreadAllocatedBytes(id);
            }
            return sum;
        }
    }

    /** conv 3-16 + ReLU (im2col), conv 16-16 (Winograd), pool, ReLU, dropout, dense 16*4*4-10, softmax-CE. */
    private static final class Net implements AutoCloseable {
        private static final LossSpec LOSS = LossSpec.fusedMean();
        private final Resources owned = new Resources();
        private final RngStream dropout;
        private final ConvPlan conv1;
        private final ConvPlan conv2;
        private final PoolPlan pool;
        private final Tensor x;
        private final Tensor labels;
        private final Tensor[] params;
        private final Tensor[] grads;
        private final Tensor[] velocity;
        private final Tensor a1;
        private final Tensor z2;
        private final Tensor p;
        private final Tensor mask;
        private final Tensor d;
        private final Tensor logits;
        private final Tensor probabilities;
        private final Tensor loss;
        private final Tensor dLogits;
        private final Tensor dd;
        private final Tensor dp;
        private final Tensor dz2;
        private final Tensor da1;
        private final Tensor flat;
        private final Tensor dFlat;

        Net(RngStream rng) {
            dropout = rng.split("dropout");
            ConvGeometry g1 = ConvGeometry.of(Layout.NCHW, Shape.of(6, 3, 8, 8), 16, 3, 3, 1, 1,
                    Padding.symmetric(1), false);
            ConvGeometry g2 = ConvGeometry.of(Layout.NCHW, g1.outputShape(), 16, 3, 3, 1, 1,
                    Padding.symmetric(1), false);
            conv1 = own(CPU.ops().conv().plan(g1, DType.FLOAT32, AlgorithmPolicy.defaults()));
            conv2 = own(CPU.ops().conv().plan(g2, DType.FLOAT32, AlgorithmPolicy.defaults()));
            PoolGeometry pg = PoolGeometry.of(Layout.NCHW, g2.outputShape(), 2, 2, 2, 2, Padding.none(), false);
            pool = own(CPU.ops().pool().plan(pg, DType.FLOAT32));
            Shape[] shapes = {g1.weightShape(), g1.biasShape(), g2.weightShape(), g2.biasShape(),
                Shape.of(10, 256), Shape.of(10)};
            params = new Tensor[shapes.length];
            grads = new Tensor[shapes.length];
            velocity = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                params[i] = own(TestData.uniform(CPU, DType.FLOAT32, shapes[i], 10 + i));
                grads[i] = zeros(shapes[i]);
                velocity[i] = zeros(shapes[i]);
            }
            x = own(TestData.uniform(CPU, DType.FLOAT32, g1.inputShape(), 20));
            labels = own(TestData.ints(CPU, Shape.of(6), 1, 7, 3, 0, 9, 4));
            a1 = zeros(g1.outputShape());
            z2 = zeros(g2.outputShape());
            p = zeros(pg.outputShape());
            mask = zeros(p.shape());
            d = zeros(p.shape());
            logits = zeros(Shape.of(6, 10));
            probabilities = zeros(logits.shape());
            loss = zeros(Shape.of(1));
            dLogits = zeros(logits.shape());
            dd = zeros(d.shape());
            dp = zeros(p.shape());
            dz2 = zeros(z2.shape());
            da1 = zeros(a1.shape());
            flat = d.reshape(Shape.of(6, 256));
            dFlat = dd.reshape(Shape.of(6, 256));
        }

        void step() {
            CPU.ops().conv().forward(conv1, x, params[0], params[1], Activation.RELU, a1);
            CPU.ops().conv().forward(conv2, a1, params[2], params[3], z2);
            CPU.ops().pool().forward(pool, z2, p);
            CPU.ops().activation().forward(Activation.RELU, p, p);
            CPU.ops().dropout().forward(0.25, dropout, p, mask, d);
            CPU.gemm(false, true, 1, flat, params[4], 0, logits);
            CPU.ops().bias().forward(params[5], logits, 1);
            CPU.ops().softmaxCrossEntropy().forward(LOSS, logits, labels, probabilities, loss);
            CPU.ops().softmaxCrossEntropy().backward(LOSS, probabilities, labels, dLogits);
            CPU.gemm(true, false, 1, dLogits, flat, 0, grads[4]);
            CPU.ops().bias().backward(dLogits, grads[5], 1);
            CPU.gemm(false, false, 1, dLogits, params[4], 0, dFlat);
            CPU.ops().dropout().backward(mask, dd, dd);
            CPU.ops().activation().backward(Activation.RELU, p, dd, dp);
            CPU.ops().pool().backward(pool, z2, p, dp, dz2);
            CPU.ops().conv().backwardFilter(conv2, a1, dz2, grads[2]);
            CPU.ops().conv().backwardBias(conv2, dz2, grads[3]);
            CPU.ops().conv().backwardData(conv2, dz2, params[2], da1);
            CPU.ops().activation().backward(Activation.RELU, a1, da1, da1);
            CPU.ops().conv().backwardFilter(conv1, x, da1, grads[0]);
            CPU.ops().conv().backwardBias(conv1, da1, grads[1]);
            for (int i = 0; i < params.length; i++) {
                CPU.ops().optimizer().sgdMomentum(MomentumRule.LR_OUTSIDE, 0.05, 0.9, 1, 0, params[i], grads[i],
                        velocity[i]);
            }
        }

        float[][] train(int steps) {
            for (int i = 0; i < steps; i++) {
                step();
            }
            float[][] out = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                out[i] = params[i].toFloatArray();
            }
            return out;
        }

        private Tensor zeros(Shape shape) {
            return own(CPU.allocate(DType.FLOAT32, shape));
        }

        private <T extends AutoCloseable> T own(T resource) {
            return owned.own(resource);
        }

        @Override
        public void close() {
            owned.close();
        }
    }
}
