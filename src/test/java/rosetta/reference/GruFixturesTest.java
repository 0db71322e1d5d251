package rosetta.reference;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.models.dialect.Knob;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The fused GRU op (what the Gru layer runs) against every gru fixture: all steps' states and the
 * gradients of the input, the per-row initial state and every weight and bias; then against each
 * dialect's framework with the formula its {@code gru.*} knobs give (the {@code naive.gru.*} ones for
 * the framework's plain GRU layer). The op rather than the layer, because a fixture's initial state
 * differs per batch row and the layer's learnt one is shared by the rows.
 */
class GruFixturesTest {
    /** The cuDNN form (PyTorch's fixtures): reset after the matmul, two bias sets, sigmoid gates. */
    private static final String CUDNN = "pytorch/gru-";

    static final List<Binding> BINDINGS = List.of(
            Binding.of("pytorch", "gru", CUDNN),
            Binding.of("pytorch", "gru-naive", CUDNN),
            Binding.of("tensorflow", "gru", CUDNN),
            Binding.of("tensorflow", "gru-naive", "tensorflow/gru-"),
            Binding.of("tensorflow-estimator", "gru-naive", "tensorflow/gru-"),
            // CuDNNGRU keeps Keras's z, r, h storage; the fixture follows PyTorch's r, z, n.
            new Binding("keras-tf", "gru", CUDNN, true),
            Binding.of("keras-tf", "gru-naive", "keras/gru-"),
            Binding.of("keras-cntk", "gru", "keras/gru-"),
            Binding.of("keras-cntk", "gru-naive", "keras/gru-"),
            Binding.of("keras-theano", "gru-naive", "keras/gru-"),
            Binding.of("mxnet", "gru", CUDNN),
            Binding.of("mxnet", "gru-naive", CUDNN),
            Binding.of("gluon", "gru", CUDNN),
            Binding.of("gluon", "gru-naive", CUDNN),
            Binding.of("cntk", "gru", CUDNN),
            // layers.GRU stacks z, r, c; the dialect's gate order is that of its notebook's cuDNN stack.
            new Binding("cntk", "gru-naive", "cntk/gru-", true),
            Binding.of("caffe2", "gru-naive", "caffe2/gru-"),
            Binding.of("chainer", "gru-naive", "chainer/gru-"),
            Binding.of("lasagne", "gru-naive", "lasagne/gru-"));

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("gru");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        check(f, ReferenceCases.backend(provider), specOf(f), false);
    }

    static Stream<Arguments> bindings() {
        return Binding.cases("gru", BINDINGS);
    }

    @ParameterizedTest(name = "{0} as {1} on {2}")
    @MethodSource("bindings")
    void dialectReproducesItsFramework(Fixture f, Binding b, ReferenceCases.Named provider) {
        GruSpec spec = new GruSpec(f.integer("input_size"), f.integer("hidden_size"),
                b.constant(GruSpec.ResetGate.class, b.pick(Knob.GRU_RESET_GATE, Knob.NAIVE_GRU_RESET_GATE)),
                b.load().choice(b.pick(Knob.GRU_BIAS_SETS, Knob.NAIVE_GRU_BIAS_SETS)).equals("two"),
                b.constant(GruSpec.UpdateWeights.class, Knob.GRU_UPDATE_GATE_WEIGHTS),
                b.constant(GruSpec.GateActivation.class, b.pick(Knob.GRU_GATE_ACTIVATION, Knob.NAIVE_GRU_GATE_ACTIVATION)),
                b.constant(GruSpec.GateOrder.class, Knob.GRU_GATE_ORDER));
        check(f, ReferenceCases.backend(provider), spec, b.reorderGates());
    }

    /** The formula the fixture's framework computed. */
    static GruSpec specOf(Fixture f) {
        return new GruSpec(f.integer("input_size"), f.integer("hidden_size"),
                Binding.enumOf(GruSpec.ResetGate.class, f.string("reset_gate")),
                f.integer("bias_sets") == 2,
                Binding.enumOf(GruSpec.UpdateWeights.class, f.string("update_weights")),
                Binding.enumOf(GruSpec.GateActivation.class, f.string("gate_activation")),
                Binding.enumOf(GruSpec.GateOrder.class, f.string("gate_order")));
    }

    /**
     * Runs one fixture under the formula given (a dialect's, or the fixture's own). With
     * {@code reorderGates} the fixture's packed weights, biases and their expected gradients are handed
     * over in the spec's gate order; otherwise they go as the fixture stores them.
     */
    static void check(Fixture f, Backend backend, GruSpec spec, boolean reorderGates) {
        if (spec.recurrentBias() != f.hasArray("bias_hh")) {
            throw new AssertionError(f + " has " + (f.hasArray("bias_hh") ? "two bias sets" : "one bias set")
                    + ", the formula under test " + (spec.recurrentBias() ? "two" : "one"));
        }
        boolean swap = reorderGates && !f.string("gate_order").equals(spec.gateOrder().name().toLowerCase());
        Packed p = new Packed(f, backend, swap);
        Shape xShape = f.shape("x");
        GruOps gru = backend.ops().gru();
        try (GruPlan plan = gru.plan(spec, xShape.dim(0), xShape.dim(1), DType.FLOAT32);
                Tensor x = f.tensor(backend, DType.FLOAT32, "x");
                Tensor h0 = f.tensor(backend, DType.FLOAT32, "h0");
                Tensor wih = p.upload("weight_ih");
                Tensor whh = p.upload("weight_hh");
                Tensor bih = p.upload("bias_ih");
                Tensor bhh = spec.recurrentBias() ? p.upload("bias_hh") : null;
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
            p.assertClose("dweight_ih", dwih);
            p.assertClose("dweight_hh", dwhh);
            p.assertClose("dbias_ih", dbih);
            if (spec.recurrentBias()) {
                p.assertClose("dbias_hh", dbhh);
            }
        }
    }

    /** A fixture's packed [3H, ...] arrays, with the two gate blocks swapped when {@code swap}. */
    private record Packed(Fixture f, Backend backend, boolean swap) {
        double[] values(String array) {
            double[] v = f.values(array);
            if (!swap) {
                return v;
            }
            int block = v.length / 3;
            double[] out = v.clone();
            System.arraycopy(v, 0, out, block, block);
            System.arraycopy(v, block, out, 0, block);
            return out;
        }

        Tensor upload(String array) {
            Tensor t = backend.allocate(DType.FLOAT32, f.shape(array));
            double[] v = values(array);
            float[] floats = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                floats[i] = (float) v[i];
            }
            backend.copyFromHost(floats, 0, t);
            return t;
        }

        void assertClose(String array, Tensor actual) {
            f.tolerance().assertClose(values(array), actual.toDoubleArray(), f + " " + array
                    + (swap ? " (gate blocks swapped)" : ""));
        }
    }
}
