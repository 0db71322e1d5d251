package rosetta.reference;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The fused GRU op (what the Gru layer runs) against every gru fixture: all steps' states and the
 * gradients of the input, the per-row initial state and every weight and bias. The op, not the layer,
 * because a fixture's initial state differs per batch row and the layer's learnt one is shared by rows.
 */
class GruFixturesTest {

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("gru");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), specOf(f));
    }

    /** The formula the fixture's framework computed. */
    static GruSpec specOf(Fixture f) {
        return new GruSpec(f.integer("input_size"), f.integer("hidden_size"),
                OptimizerFixturesTest.constant(GruSpec.ResetGate.class, f.string("reset_gate")),
                f.integer("bias_sets") == 2,
                OptimizerFixturesTest.constant(GruSpec.UpdateWeights.class, f.string("update_weights")),
                OptimizerFixturesTest.constant(GruSpec.GateActivation.class, f.string("gate_activation")),
                OptimizerFixturesTest.constant(GruSpec.GateOrder.class, f.string("gate_order")));
    }

    /** Runs one fixture under the formula given (a dialect's, or the fixture's own). */
    static void check(Fixture f, Backend backend, GruSpec spec) {
        if (spec.recurrentBias() != f.hasArray("bias_hh")) {
            throw new AssertionError(f + " has " + (f.hasArray("bias_hh") ? "two bias sets" : "one bias set")
                    + ", the formula under test " + (spec.recurrentBias() ? "two" : "one"));
        }
        Shape xShape = f.shape("x");
        GruOps gru = backend.ops().gru();
        try (GruPlan plan = gru.plan(spec, xShape.dim(0), xShape.dim(1), DType.FLOAT32);
                Tensor x = f.tensor(backend, DType.FLOAT32, "x");
                Tensor h0 = f.tensor(backend, DType.FLOAT32, "h0");
                Tensor wih = f.tensor(backend, DType.FLOAT32, "weight_ih");
                Tensor whh = f.tensor(backend, DType.FLOAT32, "weight_hh");
                Tensor bih = f.tensor(backend, DType.FLOAT32, "bias_ih");
                Tensor bhh = spec.recurrentBias() ? f.tensor(backend, DType.FLOAT32, "bias_hh") : null;
                Tensor dy = f.tensor(backend, DType.FLOAT32, "dy");
                Tensor y = backend.allocate(DType.FLOAT32, f.shape("y"));
                Tensor dx = backend.allocate(DType.FLOAT32, xShape);
                Tensor dh0 = backend.allocate(DType.FLOAT32, f.shape("h0"));
                Tensor dwih = backend.allocate(DType.FLOAT32, f.shape("weight_ih"));
                Tensor dwhh = backend.allocate(DType.FLOAT32, f.shape("weight_hh"));
                Tensor dbih = backend.allocate(DType.FLOAT32, f.shape("bias_ih"));
                Tensor dbhh = spec.recurrentBias() ? backend.allocate(DType.FLOAT32, f.shape("bias_hh")) : null) {
            gru.forward(plan, x, h0, wih, whh, bih, bhh, y);
            f.assertClose("y", y);
            gru.backward(plan, x, h0, wih, whh, y, dy, dx, dh0, dwih, dwhh, dbih, dbhh);
            f.assertClose("dx", dx);
            f.assertClose("dh0", dh0);
            f.assertClose("dweight_ih", dwih);
            f.assertClose("dweight_hh", dwhh);
            f.assertClose("dbias_ih", dbih);
            if (spec.recurrentBias()) {
                f.assertClose("dbias_hh", dbhh);
            }
        }
    }
}
