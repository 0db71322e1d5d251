package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.GruConfig.FanConvention;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.GateOrder;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.GradientCheck;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/** The GRU layer: gradients of every parameter and the input, outputs, learnt initial state, errors. */
class GruTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final int INPUT = 3;
    private static final int HIDDEN = 4;

    static GruConfig config(GruSpec spec, boolean trainableInitialState, boolean returnSequences) {
        return new GruConfig("gru", spec.inputSize(), spec.hiddenSize(), spec, trainableInitialState, returnSequences,
                TestInitializers.uniform(0.6), TestInitializers.uniform(0.6), TestInitializers.uniform(0.3),
                TestInitializers.uniform(0.3), FanConvention.WHOLE_MATRIX);
    }

    static Stream<Arguments> layers() {
        GruSpec keras = new GruSpec(INPUT, HIDDEN, ResetGate.BEFORE_MATMUL, false, UpdateWeights.CANDIDATE,
                GateActivation.SIGMOID, GateOrder.ZRN);
        List<Arguments> cases = new ArrayList<>();
        for (GruSpec spec : new GruSpec[] {GruSpec.cudnn(INPUT, HIDDEN), keras}) {
            for (boolean learnt : new boolean[] {false, true}) {
                for (boolean sequences : new boolean[] {false, true}) {
                    cases.add(Arguments.of(spec, learnt, sequences));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("layers")
    void gradientsOfInputAndEveryParameterMatchFiniteDifferences(GruSpec spec, boolean learnt, boolean sequences) {
        try (Gru gru = new Gru(CPU, DType.FLOAT64, config(spec, learnt, sequences), RngStream.seeded(5));
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(2, 5, INPUT), 6)) {
            if (learnt) {
                // start the learnt state away from zero so the broadcast over the rows is exercised
                Tensor h0 = gru.parameters().get(gru.parameters().size() - 1).value();
                CPU.copyFromHost(TestData.uniform(HIDDEN, 7), 0, h0);
            }
            Tensor out = gru.forward(x, true);
            assertEquals(gru.outputShape(x.shape()), out.shape());
            try (Tensor w = TestData.uniform(CPU, DType.FLOAT64, out.shape(), 8);
                 Tensor dx = TestData.convert(gru.backward(w), DType.FLOAT64)) {
                GradientCheck.check("dx", x, dx, () -> CPU.dot(gru.forward(x, true), w));
                for (Parameter p : gru.parameters()) {
                    GradientCheck.check(p.name(), p.value(), p.gradient(), () -> CPU.dot(gru.forward(x, true), w));
                }
            }
        }
    }

    @Test
    void lastStepOutputIsTheLastStepOfTheSequence() {
        GruSpec spec = GruSpec.cudnn(INPUT, HIDDEN);
        try (Gru last = new Gru(CPU, DType.FLOAT64, config(spec, true, false), RngStream.seeded(5));
             Gru all = new Gru(CPU, DType.FLOAT64, config(spec, true, true), RngStream.seeded(5));
             Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(3, 4, INPUT), 6)) {
            double[] sequence = all.forward(x, true).toDoubleArray();
            double[] lastStep = last.forward(x, true).toDoubleArray();
            for (int n = 0; n < 3; n++) {
                for (int j = 0; j < HIDDEN; j++) {
                    assertEquals(sequence[(n * 4 + 3) * HIDDEN + j], lastStep[n * HIDDEN + j]);
                }
            }
        }
    }

    @Test
    void anotherBatchSizeGetsItsOwnPlanAndTheInputGradientCanBeSkipped() {
        try (Gru gru = new Gru(CPU, DType.FLOAT32, config(GruSpec.cudnn(INPUT, HIDDEN), true, false),
                RngStream.seeded(5));
             Tensor full = TestData.uniform(CPU, DType.FLOAT32, Shape.of(4, 6, INPUT), 1);
             Tensor partial = TestData.uniform(CPU, DType.FLOAT32, Shape.of(3, 6, INPUT), 2);
             Tensor dy = TestData.uniform(CPU, DType.FLOAT32, Shape.of(3, HIDDEN), 3)) {
            gru.forward(full, true);
            assertEquals(Shape.of(3, HIDDEN), gru.forward(partial, true).shape());
            assertNotNull(gru.backward(dy));
            gru.computeInputGradient(false);
            assertNull(gru.backward(dy));
        }
    }

    @Test
    void parametersAreNamedAsPyTorchsAndTheLearntStateStartsAtZero() {
        try (Gru gru = new Gru(CPU, DType.FLOAT64, config(GruSpec.cudnn(INPUT, HIDDEN), true, false),
                RngStream.seeded(5))) {
            List<String> names = gru.parameters().stream().map(Parameter::name).toList();
            assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh", "h0"), names);
            List<ParamRole> roles = gru.parameters().stream().map(Parameter::role).toList();
            assertEquals(List.of(ParamRole.WEIGHT, ParamRole.RECURRENT_WEIGHT, ParamRole.BIAS, ParamRole.BIAS,
                    ParamRole.INITIAL_STATE), roles);
            Tolerance.of(0, 0).assertClose(new double[HIDDEN], gru.parameters().get(4).value().toDoubleArray(), "h0");
        }
    }

    @Test
    void aWrongInputShapeNamesTheExpectedOne() {
        try (Gru gru = new Gru(CPU, DType.FLOAT64, config(GruSpec.cudnn(INPUT, HIDDEN), false, false),
                RngStream.seeded(5));
             Tensor x = CPU.allocate(DType.FLOAT64, Shape.of(2, 5))) {
            var e = assertThrows(IllegalArgumentException.class, () -> gru.forward(x, true));
            assertEquals("gru expects [N, T, 3] (batch, time, features), got [2, 5]", e.getMessage());
        }
    }
}
