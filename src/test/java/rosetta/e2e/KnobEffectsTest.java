package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rosetta.datasets.batching.Batch;
import rosetta.datasets.batching.BatchPlan;
import rosetta.layers.LayoutTranspose;
import rosetta.layers.Sequential;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.Task;
import rosetta.models.spec.Vgg;
import rosetta.models.train.Recipe;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.TestData;

/** Each CNN knob changes what it claims to change. */
class KnobEffectsTest {
    private static final CpuBackend CPU = new CpuBackend();

    private static double[] weights(String dialect, String parameter) {
        try (Sequential model = Runs.build(CPU, Vgg.benchmark(), Dialect.builtIn(dialect), 1)) {
            return model.parameters().stream().filter(p -> p.name().equals(parameter)).findFirst().orElseThrow()
                    .value().toDoubleArray();
        }
    }

    /**
     * conv3 (50 -> 100, 3x3): fan_in 450, fan_out 900. Uniform laws are checked by their bound (the
     * largest of 45,000 draws comes within 1% of it), normal laws by their standard deviation.
     */
    @ParameterizedTest
    @CsvSource({
        "pytorch, uniform, 0.0471405",    // U(±1/√450), torch/nn/modules/conv.py @v0.3.0
        "caffe2, uniform, 0.0816497",     // XavierFill U(±√(3/450))
        "keras-tf, uniform, 0.0666667",   // glorot U(±√(6/1350))
        "mxnet, uniform, 0.0666667",      // Xavier(uniform, avg, 3) = glorot
        "gluon, uniform, 0.0576108",      // Xavier(magnitude=2.24): √(2.24/675)
        "chainer, normal, 0.0471405"})    // LeCunNormal: σ = √(1/450)
    void dialectsDrawFirstWeightsByTheirOwnLaw(String dialect, String law, double scale) {
        double[] w = weights(dialect, "conv3.weight");
        double max = 0;
        double sumSq = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            sumSq += v * v;
        }
        if (law.equals("uniform")) {
            assertTrue(max <= scale * 1.000001 && max > scale * 0.99, dialect + ": max |w| " + max + " vs " + scale);
        } else {
            assertEquals(scale, Math.sqrt(sumSq / w.length), scale * 0.02, dialect);
        }
    }

    @Test
    void differentInitialisersGiveDifferentWeightsFromTheSameSeed() {
        assertFalse(java.util.Arrays.equals(weights("pytorch", "conv1.weight"), weights("caffe2", "conv1.weight")));
    }

    @Test
    void forgettingTheDropoutSwitchChangesTestTimeOutputs() {
        Dialect honour = Dialect.builtIn("pytorch");
        Dialect always = honour.with("dropout.mode", "always");
        try (Tensor x = TestData.uniform(CPU, DType.FLOAT32, Shape.of(4, 3, 32, 32), 5);
             Sequential good = Runs.build(CPU, Vgg.benchmark(), honour, 1);
             Sequential forgot = Runs.build(CPU, Vgg.benchmark(), always, 1)) {
            float[] a = good.forward(x, false).toFloatArray();
            float[] b = good.forward(x, false).toFloatArray();
            assertArrayEquals(a, b, "evaluation is deterministic when the switch is honoured");
            float[] c = forgot.forward(x, false).toFloatArray();
            float[] d = forgot.forward(x, false).toFloatArray();
            assertFalse(java.util.Arrays.equals(c, d), "a forgotten switch keeps dropping at test time");
            assertFalse(java.util.Arrays.equals(a, c));
        }
    }

    @Test
    void layoutMismatchTransposesEveryBatchAndComputesTheSame() {
        Dialect matched = Dialect.builtIn("keras-tf");
        Dialect mismatched = matched.with("data-layout", "nhwc");
        try (Tensor nchw = TestData.uniform(CPU, DType.FLOAT32, Shape.of(2, 3, 32, 32), 6);
             Tensor nhwc = CPU.allocate(Shape.of(2, 32, 32, 3));
             Sequential plain = Runs.build(CPU, Vgg.benchmark(), matched, 1);
             Sequential transposing = Runs.build(CPU, Vgg.benchmark(), mismatched, 1)) {
            CPU.ops().layout().permute(nchw, nhwc, 0, 2, 3, 1);
            assertInstanceOf(LayoutTranspose.class, transposing.layers().get(0));
            assertFalse(plain.layers().get(0) instanceof LayoutTranspose);
            assertArrayEquals(plain.forward(nchw, false).toFloatArray(),
                    transposing.forward(nhwc, false).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void evaluationSetScoresWholeBatchesOrEverything() {
        Hyperparameters h = Hyperparameters.cnn();
        assertEquals(9_984, Recipe.of(Dialect.builtIn("pytorch"), Task.CIFAR10, h).evaluation().count(10_000, 64));
        assertEquals(10_000, Recipe.of(Dialect.builtIn("mxnet"), Task.CIFAR10, h).evaluation().count(10_000, 64));
    }

    private static List<Batch> epoch(String dialect, int e) {
        Recipe r = Recipe.of(Dialect.builtIn(dialect).forModel("vgg"), Task.CIFAR10, Hyperparameters.cnn());
        return new BatchPlan(50_000, 64, r.shuffle(), r.lastBatch(), RngStream.seeded(1)).epoch(e);
    }

    @Test
    void iteratorsVisitTheDataAsTheirFrameworksDid() {
        // yield_mb: a fresh permutation every epoch, the 16 left over dropped: 781 batches
        List<Batch> pytorch0 = epoch("pytorch", 0);
        assertEquals(781, pytorch0.size());
        assertFalse(java.util.Arrays.equals(pytorch0.get(0).indices(), epoch("pytorch", 1).get(0).indices()));
        // MXNet 0.12 NDArrayIter: shuffled once, last batch padded to 64: 782 batches, same order each epoch
        List<Batch> mxnet0 = epoch("mxnet", 0);
        assertEquals(782, mxnet0.size());
        assertEquals(48, mxnet0.get(781).padding());
        assertArrayEquals(mxnet0.get(5).indices(), epoch("mxnet", 1).get(5).indices());
        // Keras fit: reshuffled each epoch, the last 16 kept as a short batch: 782 updates
        List<Batch> keras = epoch("keras-tf", 0);
        assertEquals(782, keras.size());
        assertEquals(16, keras.get(781).size());
    }
}
