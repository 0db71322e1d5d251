package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rosetta.layers.GruConfig.FanConvention;
import rosetta.layers.init.Fans;
import rosetta.layers.init.Initializer;
import rosetta.tensor.DType;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.GateOrder;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.Tolerance;

/** Where each initialiser's values land and which fans it is given, per fan convention. */
class GruInitTest {
    private static final CpuBackend CPU = new CpuBackend();

    private static Gru gru(int in, int hidden, GateOrder order, Initializer weights, Initializer recurrent,
            Initializer gateBias, Initializer candidateBias, FanConvention fans) {
        GruSpec spec = new GruSpec(in, hidden, ResetGate.AFTER_MATMUL, true, UpdateWeights.OLD_STATE,
                GateActivation.SIGMOID, order);
        return new Gru(CPU, DType.FLOAT64, new GruConfig("gru", in, hidden, spec, false, false, weights, recurrent,
                gateBias, candidateBias, fans), RngStream.seeded(11));
    }

    /** TF GRUCell: gates bias constant 1.0, candidate bias 0; r and z are the first 2H in either order. */
    @ParameterizedTest
    @EnumSource(GateOrder.class)
    void gateBiasLandsOnTheResetAndUpdateBlocksOnly(GateOrder order) {
        Initializer w = TestInitializers.uniform(0.1);
        try (Gru gru = gru(3, 4, order, w, w, TestInitializers.constant(1), TestInitializers.constant(0),
                FanConvention.TF_CONCATENATED)) {
            double[] expected = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
            assertArrayEquals(expected, gru.parameters().get(2).value().toDoubleArray(), "bias_ih");
            assertArrayEquals(expected, gru.parameters().get(3).value().toDoubleArray(), "bias_hh");
        }
    }

    /**
     * The benchmark's sizes (I = 125, H = 100) under TF's _Linear over [x, h]: Glorot limits
     * √(6 / (125 + 100 + 200)) = 0.118818 for the gate blocks and √(6 / (125 + 100 + 100)) = 0.135873 for
     * the candidate block, in both matrices.
     */
    @Test
    void tfConcatenatedFansGiveTheGateAndCandidateBlocksTheirOwnGlorotBounds() {
        Initializer glorot = TestInitializers.glorotUniform();
        Initializer zeros = TestInitializers.constant(0);
        try (Gru gru = gru(125, 100, GateOrder.RZN, glorot, glorot, zeros, zeros, FanConvention.TF_CONCATENATED)) {
            for (int p = 0; p < 2; p++) {
                Parameter weight = gru.parameters().get(p);
                double[] w = weight.value().toDoubleArray();
                int cols = weight.value().shape().dim(1);
                assertBound(w, 0, 200 * cols, 0.118818, weight.name() + " gates");
                assertBound(w, 200 * cols, 300 * cols, 0.135873, weight.name() + " candidate");
            }
        }
    }

    private static void assertBound(double[] w, int from, int to, double limit, String what) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(w[i]));
        }
        assertTrue(max <= limit && max > 0.99 * limit, what + ": max |w| " + max + ", limit " + limit);
    }

    /** Keras's orthogonal recurrent kernel (U, 3U), rows orthonormal, is [3H, H] here: columns orthonormal. */
    @Test
    void wholeMatrixFansSeeTheRecurrentWeightAsOneOrthogonal3HxHMatrix() {
        List<Fans> input = new ArrayList<>();
        List<Fans> recurrent = new ArrayList<>();
        int h = 5;
        try (Gru gru = gru(3, h, GateOrder.ZRN, TestInitializers.recording(TestInitializers.glorotUniform(), input),
                TestInitializers.recording(TestInitializers.orthogonal(), recurrent), TestInitializers.constant(0),
                TestInitializers.constant(0), FanConvention.WHOLE_MATRIX)) {
            assertEquals(List.of(new Fans(3, 3 * h, 3 * h, 3)), input);
            assertEquals(List.of(new Fans(h, 3 * h, 3 * h, h)), recurrent);
            double[] w = gru.parameters().get(1).value().toDoubleArray();
            double[] gram = new double[h * h];
            double[] identity = new double[h * h];
            for (int a = 0; a < h; a++) {
                identity[a * h + a] = 1;
                for (int b = 0; b < h; b++) {
                    for (int row = 0; row < 3 * h; row++) {
                        gram[a * h + b] += w[row * h + a] * w[row * h + b];
                    }
                }
            }
            Tolerance.of(1e-12, 0).assertClose(identity, gram, "weight_hh^T weight_hh");
        }
    }

    /** PyTorch draws every GRU weight and bias from U(±1/√H): fan_in is H everywhere. */
    @Test
    void hiddenSizeFansGiveEveryParameterFanInH() {
        List<Fans> seen = new ArrayList<>();
        Initializer recorded = TestInitializers.recording(TestInitializers.uniform(0.1), seen);
        try (Gru gru = gru(7, 4, GateOrder.RZN, recorded, recorded, recorded, recorded, FanConvention.HIDDEN_SIZE)) {
            assertEquals(List.of(new Fans(4, 12, 12, 7), new Fans(4, 12, 12, 4), new Fans(4, 12, 8, 1),
                    new Fans(4, 12, 4, 1), new Fans(4, 12, 8, 1), new Fans(4, 12, 4, 1)), seen);
        }
    }

    /** Each parameter has its own stream, so its values do not depend on what else the layer holds. */
    @Test
    void eachParameterDrawsFromTheStreamNamedAfterIt() {
        Initializer w = TestInitializers.uniform(0.2);
        Initializer b = TestInitializers.uniform(0.1);
        try (Gru gru = gru(3, 4, GateOrder.RZN, w, w, b, b, FanConvention.WHOLE_MATRIX)) {
            RngStream root = RngStream.seeded(11);
            double[] weightIh = new double[36];
            w.fill(weightIh, new Fans(3, 12, 12, 3), root.split("weight_ih"));
            assertArrayEquals(weightIh, gru.parameters().get(0).value().toDoubleArray());
            double[] biasHh = new double[12];
            double[] gates = new double[8];
            double[] candidate = new double[4];
            RngStream stream = root.split("bias_hh");
            b.fill(gates, new Fans(4, 12, 8, 1), stream);
            b.fill(candidate, new Fans(4, 12, 4, 1), stream);
            System.arraycopy(gates, 0, biasHh, 0, 8);
            System.arraycopy(candidate, 0, biasHh, 8, 4);
            assertArrayEquals(biasHh, gru.parameters().get(3).value().toDoubleArray());
        }
    }
}
