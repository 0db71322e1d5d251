package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.GateOrder;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;
import rosetta.tensor.testing.GradientCheck;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/**
 * The GRU op: one step of every formula pinned by hand, backpropagation through time against finite
 * differences for every variant, gate order, and the FLOAT32 path against FLOAT64.
 */
class GruTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final int BATCH = 2;
    private static final int STEPS = 5;
    private static final int INPUT = 3;
    private static final int HIDDEN = 4;

    /**
     * One step, I = H = 1, x = 0.5, h0 = 0.4. Weights in r, z, n order: W_ih = (0.3, -0.2, 0.8),
     * W_hh = (0.6, 0.5, -0.7), b_ih = (0.1, 0.2, -0.1), b_hh = (-0.3, 0.1, 0.25), so the input-side
     * pre-activations are 0.25, 0.1, 0.3 and W_h h is 0.24, 0.2, -0.28.
     */
    static Stream<Arguments> handComputed() {
        return Stream.of(
                // cuDNN / PyTorch: a_r = 0.25 + 0.24 - 0.3 = 0.19, r = 0.547357618143089; a_z = 0.1 + 0.2 + 0.1
                // = 0.4, z = 0.598687660112452; n = tanh(0.3 + r (-0.28 + 0.25)) = tanh(0.283579271455707)
                // = 0.276214531155133; h' = (1 - z) n + z 0.4
                Arguments.of(new GruSpec(1, 1, ResetGate.AFTER_MATMUL, true, UpdateWeights.OLD_STATE,
                        GateActivation.SIGMOID, GateOrder.RZN), 0.350323363853789),
                // Caffe2 GRUUnit: r, z as above; n = tanh(0.3 + (-0.7)(r 0.4) + 0.25) = tanh(0.396739866919935)
                // = 0.37715601626102; h' = (1 - z) n + z 0.4
                Arguments.of(new GruSpec(1, 1, ResetGate.BEFORE_MATMUL, true, UpdateWeights.OLD_STATE,
                        GateActivation.SIGMOID, GateOrder.RZN), 0.390832427433357),
                // Keras GRU 2.0 (one bias, hard sigmoid, z r h order): r = 0.2 (0.25 + 0.24) + 0.5 = 0.598,
                // z = 0.2 (0.1 + 0.2) + 0.5 = 0.56, n = tanh(0.3 - 0.7 (0.598 0.4)) = tanh(0.13256)
                // = 0.131788964157232; h' = 0.44 n + 0.56 0.4
                Arguments.of(new GruSpec(1, 1, ResetGate.BEFORE_MATMUL, false, UpdateWeights.OLD_STATE,
                        GateActivation.HARD_SIGMOID, GateOrder.ZRN), 0.281987144229182),
                // Lasagne (one bias, z takes the candidate): r = sigmoid(0.49) = 0.62010643234309,
                // z = sigmoid(0.3) = 0.574442516811659, n = tanh(0.3 + r (-0.28)) = tanh(0.126370198943935)
                // = 0.125701781752045; h' = z n + (1 - z) 0.4
                Arguments.of(new GruSpec(1, 1, ResetGate.AFTER_MATMUL, false, UpdateWeights.CANDIDATE,
                        GateActivation.SIGMOID, GateOrder.RZN), 0.242431441152691));
    }

    @ParameterizedTest
    @MethodSource("handComputed")
    void oneStepMatchesTheFormula(GruSpec spec, double expected) {
        double[] ih = packed(spec, 0.3, -0.2, 0.8);
        double[] hh = packed(spec, 0.6, 0.5, -0.7);
        double[] bih = packed(spec, 0.1, 0.2, -0.1);
        double[] bhh = packed(spec, -0.3, 0.1, 0.25);
        try (Tensor x = TestData.of(CPU, Shape.of(1, 1, 1), 0.5);
             Tensor h0 = TestData.of(CPU, Shape.of(1, 1), 0.4);
             Tensor wih = TestData.of(CPU, Shape.of(3, 1), ih);
             Tensor whh = TestData.of(CPU, Shape.of(3, 1), hh);
             Tensor bi = TestData.of(CPU, Shape.of(3), bih);
             Tensor bh = spec.recurrentBias() ? TestData.of(CPU, Shape.of(3), bhh) : null;
             Tensor y = CPU.allocate(DType.FLOAT64, Shape.of(1, 1, 1));
             var plan = CPU.ops().gru().plan(spec, 1, 1, DType.FLOAT64)) {
            CPU.ops().gru().forward(plan, x, h0, wih, whh, bi, bh, y);
            Tolerance.of(1e-14, 0).assertClose(expected, y.toDoubleArray()[0], spec.toString());
        }
    }

    /**
     * A saturated hard sigmoid: a_r = -8 (0.5) + 0.1 + 0.24 = -3.66 gives r = 0, a_z = 4.4 gives z = 1,
     * so h' = h0 exactly, dL/dh0 = z = 1, and no gradient reaches x or the input weights.
     */
    @Test
    void saturatedHardSigmoidCopiesTheStateAndPassesNoGateGradient() {
        GruSpec spec = new GruSpec(1, 1, ResetGate.AFTER_MATMUL, false, UpdateWeights.OLD_STATE,
                GateActivation.HARD_SIGMOID, GateOrder.RZN);
        try (Tensor x = TestData.of(CPU, Shape.of(1, 1, 1), 0.5);
             Tensor h0 = TestData.of(CPU, Shape.of(1, 1), 0.4);
             Tensor wih = TestData.of(CPU, Shape.of(3, 1), -8, 8, 0.8);
             Tensor whh = TestData.of(CPU, Shape.of(3, 1), 0.6, 0.5, -0.7);
             Tensor bi = TestData.of(CPU, Shape.of(3), 0.1, 0.2, -0.1);
             Tensor y = CPU.allocate(DType.FLOAT64, Shape.of(1, 1, 1));
             Tensor dy = TestData.of(CPU, Shape.of(1, 1, 1), 1);
             Tensor dx = CPU.allocate(DType.FLOAT64, Shape.of(1, 1, 1));
             Tensor dh0 = CPU.allocate(DType.FLOAT64, Shape.of(1, 1));
             Tensor dwih = CPU.allocate(DType.FLOAT64, Shape.of(3, 1));
             Tensor dwhh = CPU.allocate(DType.FLOAT64, Shape.of(3, 1));
             Tensor dbi = CPU.allocate(DType.FLOAT64, Shape.of(3));
             var plan = CPU.ops().gru().plan(spec, 1, 1, DType.FLOAT64)) {
            CPU.ops().gru().forward(plan, x, h0, wih, whh, bi, null, y);
            assertEquals(0.4, y.toDoubleArray()[0]);
            CPU.ops().gru().backward(plan, x, h0, wih, whh, y, dy, dx, dh0, dwih, dwhh, dbi, null);
            assertEquals(1.0, dh0.toDoubleArray()[0]);
            assertEquals(0.0, dx.toDoubleArray()[0]);
            Tolerance.of(0, 0).assertClose(new double[3], dwih.toDoubleArray(), "dWeightIh");
            Tolerance.of(0, 0).assertClose(new double[3], dbi.toDoubleArray(), "dBiasIh");
        }
    }

    static Stream<Arguments> variants() {
        List<Arguments> cases = new ArrayList<>();
        for (ResetGate reset : ResetGate.values()) {
            for (boolean twoBiases : new boolean[] {true, false}) {
                for (UpdateWeights update : UpdateWeights.values()) {
                    for (GateActivation act : GateActivation.values()) {
                        // a checkerboard over the four choices, so each choice meets both gate orders
                        int combination = (cases.size() / 2);
                        GateOrder order = (Integer.bitCount(combination) & 1) == 0 ? GateOrder.RZN : GateOrder.ZRN;
                        for (boolean withH0 : new boolean[] {true, false}) {
                            cases.add(Arguments.of(new GruSpec(INPUT, HIDDEN, reset, twoBiases, update, act, order),
                                    withH0));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void backwardMatchesFiniteDifferences(GruSpec spec, boolean withH0) {
        try (GruFixture f = new GruFixture(CPU, DType.FLOAT64, spec, BATCH, STEPS, withH0, 1.0, 40)) {
            f.backward();
            if (spec.gateActivation() == GateActivation.HARD_SIGMOID) {
                assertAwayFromKinks((CpuGruPlan) f.plan);
            }
            GradientCheck.check("dx", f.x, f.dx, f::loss);
            if (withH0) {
                GradientCheck.check("dh0", f.h0, f.dh0, f::loss);
            }
            GradientCheck.check("dWeightIh", f.weightIh, f.dWeightIh, f::loss);
            GradientCheck.check("dWeightHh", f.weightHh, f.dWeightHh, f::loss);
            GradientCheck.check("dBiasIh", f.biasIh, f.dBiasIh, f::loss);
            if (spec.recurrentBias()) {
                GradientCheck.check("dBiasHh", f.biasHh, f.dBiasHh, f::loss);
            }
        }
    }

    /**
     * Finite differences straddling a hard sigmoid's kink would disagree with either one-sided slope, so
     * the seed is chosen to keep every gate clear of 0.5 +- 2.5; it also makes some gates saturate, so the
     * flat parts are checked too.
     */
    private static void assertAwayFromKinks(CpuGruPlan plan) {
        double[] gates = plan.buffers.gates.toDoubleArray();
        int hidden = plan.spec().hiddenSize();
        int saturated = 0;
        for (int i = 0; i < gates.length; i++) {
            if ((i / hidden) % 3 == GruSpec.CANDIDATE_BLOCK) {
                continue;
            }
            double g = gates[i];
            boolean flat = g == 0 || g == 1;
            saturated += flat ? 1 : 0;
            assertTrue(flat || (g > 1e-3 && g < 1 - 1e-3), "gate " + i + " = " + g + " is at a kink");
        }
        assertTrue(saturated > 0, "no gate saturates: the clipped parts go unchecked");
    }

    @ParameterizedTest
    @MethodSource("variants")
    void gateOrderOnlyPermutesTheBlocks(GruSpec spec, boolean withH0) {
        GruSpec rzn = withOrder(spec, GateOrder.RZN);
        GruSpec zrn = withOrder(spec, GateOrder.ZRN);
        try (GruFixture a = new GruFixture(CPU, DType.FLOAT64, rzn, BATCH, STEPS, withH0, 1.0, 7);
             GruFixture b = new GruFixture(CPU, DType.FLOAT64, zrn, BATCH, STEPS, withH0, 1.0, 7)) {
            for (Tensor[] pair : new Tensor[][] {{a.weightIh, b.weightIh}, {a.weightHh, b.weightHh},
                {a.biasIh, b.biasIh}, {a.biasHh, b.biasHh}}) {
                if (pair[0] != null) {
                    CPU.copyFromHost(swapGateBlocks(pair[0].toDoubleArray()), 0, pair[1]);
                }
            }
            a.backward();
            b.backward();
            Tolerance exact = Tolerance.of(1e-15, 1e-13);
            exact.assertClose(a.y.toDoubleArray(), b.y.toDoubleArray(), "y");
            exact.assertClose(a.dx.toDoubleArray(), b.dx.toDoubleArray(), "dx");
            exact.assertClose(swapGateBlocks(a.dWeightHh.toDoubleArray()), b.dWeightHh.toDoubleArray(),
                    "dWeightHh");
        }
    }

    @Test
    void float32MatchesFloat64() {
        for (ResetGate reset : ResetGate.values()) {
            GruSpec s = new GruSpec(9, 6, reset, true, UpdateWeights.OLD_STATE, GateActivation.SIGMOID, GateOrder.ZRN);
            try (GruFixture single = new GruFixture(CPU, DType.FLOAT32, s, 4, 7, true, 0.5, 3);
                 GruFixture dbl = new GruFixture(CPU, DType.FLOAT64, s, 4, 7, true, 0.5, 3)) {
                single.copyValuesFrom(dbl);
                single.backward();
                dbl.backward();
                Tolerance t = Tolerance.of(1e-5, 1e-4);
                t.assertClose(dbl.y.toDoubleArray(), single.y.toDoubleArray(), reset + " y");
                t.assertClose(dbl.dx.toDoubleArray(), single.dx.toDoubleArray(), reset + " dx");
                t.assertClose(dbl.dh0.toDoubleArray(), single.dh0.toDoubleArray(), reset + " dh0");
                t.assertClose(dbl.dWeightIh.toDoubleArray(), single.dWeightIh.toDoubleArray(), reset + " dWeightIh");
                t.assertClose(dbl.dWeightHh.toDoubleArray(), single.dWeightHh.toDoubleArray(), reset + " dWeightHh");
                t.assertClose(dbl.dBiasHh.toDoubleArray(), single.dBiasHh.toDoubleArray(), reset + " dBiasHh");
            }
        }
    }

    @Test
    void aMismatchedBiasSetIsRefusedWithWhatToPass() {
        GruSpec oneSet = new GruSpec(INPUT, HIDDEN, ResetGate.BEFORE_MATMUL, false, UpdateWeights.OLD_STATE,
                GateActivation.SIGMOID, GateOrder.RZN);
        try (GruFixture f = new GruFixture(CPU, DType.FLOAT64, GruSpec.cudnn(INPUT, HIDDEN), BATCH, STEPS, false,
                1, 1);
             var plan = CPU.ops().gru().plan(oneSet, BATCH, STEPS, DType.FLOAT64)) {
            var missing = assertThrows(IllegalArgumentException.class,
                    () -> CPU.ops().gru().forward(f.plan, f.x, null, f.weightIh, f.weightHh, f.biasIh, null, f.y));
            assertEquals("this GRU has two bias sets: pass the biasHh [12]", missing.getMessage());
            var extra = assertThrows(IllegalArgumentException.class,
                    () -> CPU.ops().gru().forward(plan, f.x, null, f.weightIh, f.weightHh, f.biasIh, f.biasHh, f.y));
            assertEquals("this GRU has one bias set: pass null for the biasHh", extra.getMessage());
        }
    }

    @Test
    void backwardBeforeForwardAndWrongShapesAreRefused() {
        try (GruFixture f = new GruFixture(CPU, DType.FLOAT64, GruSpec.cudnn(INPUT, HIDDEN), BATCH, STEPS, false,
                1, 1);
             Tensor wrong = CPU.allocate(DType.FLOAT64, Shape.of(BATCH, INPUT))) {
            assertThrows(IllegalStateException.class, () -> CPU.ops().gru().backward(f.plan, f.x, null, f.weightIh,
                    f.weightHh, f.y, f.lossWeights, f.dx, null, f.dWeightIh, f.dWeightHh, f.dBiasIh, f.dBiasHh));
            var e = assertThrows(IllegalArgumentException.class, () -> CPU.ops().gru().forward(f.plan, wrong, null,
                    f.weightIh, f.weightHh, f.biasIh, f.biasHh, f.y));
            assertTrue(e.getMessage().startsWith("GRU input x has shape [2, 3], expected [2, 5, 3]"), e.getMessage());
        }
    }

    /** Logical (r, z, n) values laid out in the spec's gate order, one row per block. */
    private static double[] packed(GruSpec spec, double r, double z, double n) {
        double[] out = new double[3];
        out[spec.resetBlock()] = r;
        out[spec.updateBlock()] = z;
        out[GruSpec.CANDIDATE_BLOCK] = n;
        return out;
    }

    /** Swaps the first two blocks of H rows of a packed [3H, ...] array: RZN <-> ZRN. */
    private static double[] swapGateBlocks(double[] packed) {
        int block = packed.length / 3;
        double[] out = packed.clone();
        System.arraycopy(packed, 0, out, block, block);
        System.arraycopy(packed, block, out, 0, block);
        return out;
    }

    private static GruSpec withOrder(GruSpec s, GateOrder order) {
        return new GruSpec(s.inputSize(), s.hiddenSize(), s.resetGate(), s.recurrentBias(), s.updateWeights(),
                s.gateActivation(), order);
    }
}
