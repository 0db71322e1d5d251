package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.GateOrder;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;
import rosetta.tensor.testing.Tolerance;

/**
 * The GRU's FLOAT32 path ({@link FloatGru}, threads over batch rows) against the FLOAT64 reference loops:
 * at the benchmark's shape (batch 64, 150 steps, input 125, hidden 100; reference/benchmark.md §3) in four
 * frameworks' formulas, which together take every value of every choice, with U(±0.1) weights (PyTorch's
 * U(±1/√H) at H = 100); and every combination of the choices at a small shape.
 */
class FloatGruTest {
    private static final CpuBackend TWO = new CpuBackend(OpenBlasSgemm::new, 2);
    private static final CpuBackend ONE = new CpuBackend(OpenBlasSgemm::new, 1);
    private static final int BATCH = 64;
    private static final int STEPS = 150;
    private static final int INPUT = 125;
    private static final int HIDDEN = 100;
    private static final double WEIGHT_SCALE = 0.1;
    private static final String[] OUTPUTS = {"y", "dx", "dh0", "dWeightIh", "dWeightHh", "dBiasIh", "dBiasHh"};

    /**
     * Float rounding over 150 steps, at most about a tenth of these (measured): 2e-6 + 2e-5 |expected| for
     * the states and the input gradients, 1e-4 + 1e-3 |expected| for the parameter gradients, which sum
     * over all 9,600 rows of every step.
     */
    private static Tolerance tolerance(String what) {
        return what.startsWith("dWeight") || what.startsWith("dBias") ? Tolerance.of(1e-4, 1e-3)
                : Tolerance.of(2e-6, 2e-5);
    }

    @AfterAll
    static void close() {
        TWO.close();
        ONE.close();
    }

    /** The four formulas of GruTest's hand-computed cases; together they take every value of every choice. */
    static Stream<Arguments> formulas() {
        return Stream.of(
                Arguments.of("cuDNN / PyTorch", new GruSpec(INPUT, HIDDEN, ResetGate.AFTER_MATMUL, true,
                        UpdateWeights.OLD_STATE, GateActivation.SIGMOID, GateOrder.RZN), false),
                Arguments.of("Caffe2 GRUUnit", new GruSpec(INPUT, HIDDEN, ResetGate.BEFORE_MATMUL, true,
                        UpdateWeights.OLD_STATE, GateActivation.SIGMOID, GateOrder.RZN), true),
                Arguments.of("Keras 2.0 GRU", new GruSpec(INPUT, HIDDEN, ResetGate.BEFORE_MATMUL, false,
                        UpdateWeights.OLD_STATE, GateActivation.HARD_SIGMOID, GateOrder.ZRN), false),
                Arguments.of("Lasagne GRULayer", new GruSpec(INPUT, HIDDEN, ResetGate.AFTER_MATMUL, false,
                        UpdateWeights.CANDIDATE, GateActivation.SIGMOID, GateOrder.RZN), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formulas")
    void float32MatchesTheFloat64ReferenceAtTheBenchmarkShape(String name, GruSpec spec, boolean withH0) {
        try (GruFixture fast = new GruFixture(TWO, DType.FLOAT32, spec, BATCH, STEPS, withH0, WEIGHT_SCALE, 5);
             GruFixture reference = new GruFixture(TWO, DType.FLOAT64, spec, BATCH, STEPS, withH0, WEIGHT_SCALE,
                     5)) {
            fast.copyValuesFrom(reference);
            fast.backward();
            reference.backward();
            for (String what : OUTPUTS) {
                Tensor expected = pick(reference, what);
                if (expected != null) {
                    tolerance(what).assertClose(expected.toDoubleArray(), pick(fast, what).toDoubleArray(),
                            name + " " + what);
                }
            }
        }
    }

    /**
     * Every combination of the formula's choices, both gate orders, with and without h0 (GruTest's
     * variants), at a small shape whose odd batch splits unevenly over the two threads.
     */
    @ParameterizedTest
    @MethodSource("rosetta.tensor.cpu.GruTest#variants")
    void everyVariantMatchesTheFloat64ReferenceAtASmallShape(GruSpec small, boolean withH0) {
        GruSpec spec = new GruSpec(9, 6, small.resetGate(), small.recurrentBias(), small.updateWeights(),
                small.gateActivation(), small.gateOrder());
        try (GruFixture fast = new GruFixture(TWO, DType.FLOAT32, spec, 5, 7, withH0, 0.5, 11);
             GruFixture reference = new GruFixture(TWO, DType.FLOAT64, spec, 5, 7, withH0, 0.5, 11)) {
            fast.copyValuesFrom(reference);
            fast.backward();
            reference.backward();
            for (String what : OUTPUTS) {
                Tensor expected = pick(reference, what);
                if (expected != null) {
                    tolerance(what).assertClose(expected.toDoubleArray(), pick(fast, what).toDoubleArray(),
                            spec + " " + what);
                }
            }
        }
    }

    @Test
    void sameThreadCountSameBitsAndOneThreadAgrees() {
        GruSpec spec = GruSpec.cudnn(INPUT, HIDDEN);
        try (GruFixture first = new GruFixture(TWO, DType.FLOAT32, spec, BATCH, 20, true, WEIGHT_SCALE, 6);
             GruFixture again = new GruFixture(TWO, DType.FLOAT32, spec, BATCH, 20, true, WEIGHT_SCALE, 6);
             GruFixture single = new GruFixture(ONE, DType.FLOAT32, spec, BATCH, 20, true, WEIGHT_SCALE, 6)) {
            first.backward();
            again.backward();
            single.backward();
            for (String what : OUTPUTS) {
                assertArrayEquals(pick(first, what).toFloatArray(), pick(again, what).toFloatArray(), what);
                tolerance(what).assertClose(pick(first, what).toDoubleArray(), pick(single, what).toDoubleArray(),
                        "one thread " + what);
            }
        }
    }

    private static Tensor pick(GruFixture f, String what) {
        return switch (what) {
            case "y" -> f.y;
            case "dx" -> f.dx;
            case "dh0" -> f.dh0;
            case "dWeightIh" -> f.dWeightIh;
            case "dWeightHh" -> f.dWeightHh;
            case "dBiasIh" -> f.dBiasIh;
            case "dBiasHh" -> f.dBiasHh;
            default -> throw new IllegalArgumentException(what);
        };
    }
}
