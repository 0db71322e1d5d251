package rosetta.models.dialect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped dialects: complete, documented, and holding the values that carry the benchmark's lessons. */
class BuiltInDialectsTest {
    private static final List<String> CNN = List.of("caffe2", "mxnet", "gluon", "cntk", "pytorch", "tensorflow",
            "keras-cntk", "keras-tf", "keras-theano", "chainer", "lasagne", "mxnet-generator", "cntk-generator",
            "tensorflow-estimator");
    private static final List<String> RNN = List.of("pytorch", "tensorflow", "keras-tf", "keras-cntk", "mxnet",
            "gluon", "cntk");

    static List<String> names() {
        return Dialect.builtInNames();
    }

    private static String value(String dialect, Knob knob) {
        return Dialect.builtIn(dialect).value(knob);
    }

    @Test
    void theIndexListsExactlyTheResourceFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/dialects"))) {
            List<String> json = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).sorted().toList();
            assertEquals(json, Dialect.builtInNames());
        }
        assertEquals(CNN.stream().sorted().toList(), Dialect.builtInNames());
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyBuiltInIsCompleteAndDocumented(String name) {
        Dialect d = Dialect.builtIn(name);
        assertEquals(name, d.name());
        assertFalse(d.framework().isBlank());
        assertFalse(d.summary().isBlank());
        assertFalse(d.notebooks().isEmpty());
        d.notebooks().forEach(n -> assertTrue(n.matches("notebooks/\\w+\\.ipynb"), n));
        assertEquals(List.of(Knob.values()), List.copyOf(d.settings().keySet()));
        d.settings().forEach((knob, s) -> {
            knob.validate(s.value());
            assertFalse(s.why().isBlank(), name + " " + knob.key());
            assertFalse(s.source().isBlank(), name + " " + knob.key());
            assertFalse(s.why().contains("\n") || s.source().contains("\n"), name + " " + knob.key());
        });
        assertSame(d, Dialect.builtIn(name));
    }

    @ParameterizedTest
    @MethodSource("names")
    void modelsMatchTheNotebooksOfTheClassicTable(String name) {
        Dialect d = Dialect.builtIn(name);
        assertTrue(d.supports("vgg"));
        assertEquals(RNN.contains(name), d.supports("gru"), name);
        assertEquals(RNN.contains(name) ? 2 : 1, d.notebooks().size(), name);
    }

    @Test
    void caffe2KeepsItsOwnInitSearchAndMomentum() {
        assertEquals("caffe2-xavier", value("caffe2", Knob.CONV_WEIGHT_INIT));
        assertEquals("skip", value("caffe2", Knob.FIRST_LAYER_INPUT_GRADIENT));
        assertEquals("exhaustive", value("caffe2", Knob.CONV_ALGORITHM_SEARCH));
        assertEquals(64, Dialect.builtIn("caffe2").number(Knob.CONV_WORKSPACE_LIMIT_MB));
        assertEquals("nesterov-caffe2", value("caffe2", Knob.OPTIMIZER_MOMENTUM_RULE));
        assertEquals("1", value("caffe2", Knob.NAIVE_POOL_STRIDE));
        assertEquals("always", value("caffe2", Knob.NAIVE_DROPOUT_MODE));
    }

    @Test
    void cntkSumsTheLossAndDropsTheUnitGain() {
        Dialect cntk = Dialect.builtIn("cntk");
        assertEquals("lr-inside-positive", cntk.choice(Knob.OPTIMIZER_MOMENTUM_RULE));
        assertEquals("undamped-first-moment", cntk.choice(Knob.OPTIMIZER_ADAM));
        assertEquals("sum", cntk.choice(Knob.LOSS_REDUCTION));
        assertEquals("minibatch", cntk.choice(Knob.OPTIMIZER_LR_UNIT));
        assertEquals("one-hot", cntk.choice(Knob.LOSS_LABELS));
        assertEquals("one-dimensional", cntk.choice(Knob.NAIVE_CONV_KERNEL_SHORTHAND));
        assertEquals("1", cntk.choice(Knob.NAIVE_POOL_STRIDE));
        assertEquals("zeros", cntk.value(Knob.GRU_INPUT_WEIGHT_INIT));
    }

    @Test
    void mxnetModuleDefaultsDifferFromGluons() {
        assertEquals("1", value("mxnet", Knob.NAIVE_POOL_STRIDE));
        assertEquals("one-dimensional", value("mxnet", Knob.NAIVE_CONV_KERNEL_SHORTHAND));
        assertEquals("uniform(0.01)", value("mxnet", Knob.NAIVE_CONV_WEIGHT_INIT));
        assertEquals("once", value("mxnet", Knob.ITERATOR_SHUFFLE));
        assertEquals("pad", value("mxnet", Knob.ITERATOR_LAST_BATCH));
        assertEquals("sum", value("mxnet", Knob.LOSS_REDUCTION));
        assertEquals("window", value("gluon", Knob.NAIVE_POOL_STRIDE));
        assertEquals("uniform(0.07)", value("gluon", Knob.NAIVE_CONV_WEIGHT_INIT));
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, Dialect.builtIn("gluon").numbers(Knob.DROPOUT_RATES));
    }

    @ParameterizedTest
    @MethodSource("names")
    void onlyGluonDropsAQuarterAfterTheDenseLayer(String name) {
        double last = name.equals("gluon") ? 0.25 : 0.5;
        assertArrayEquals(new double[] {0.25, 0.25, last}, Dialect.builtIn(name).numbers(Knob.DROPOUT_RATES), name);
    }

    @Test
    void kerasComputesCrossEntropyOnClippedProbabilitiesAndKeepsTheLastBatch() {
        for (String keras : List.of("keras-tf", "keras-cntk", "keras-theano")) {
            assertEquals("softmax-then-log", value(keras, Knob.LOSS_FORM), keras);
            assertEquals("keep", value(keras, Knob.ITERATOR_LAST_BATCH), keras);
            assertEquals("full", value(keras, Knob.EVALUATION_SET), keras);
            assertEquals("hard-sigmoid", value(keras, Knob.NAIVE_GRU_GATE_ACTIVATION), keras);
            assertEquals("zrn", value(keras, Knob.GRU_GATE_ORDER), keras);
        }
        assertEquals("convolution", value("keras-theano", Knob.CONV_MODE));
        assertEquals("cross-correlation", value("keras-tf", Knob.CONV_MODE));
        assertEquals("after-matmul", value("keras-tf", Knob.GRU_RESET_GATE));
        assertEquals("before-matmul", value("keras-tf", Knob.NAIVE_GRU_RESET_GATE));
        assertEquals("hard-sigmoid", value("keras-cntk", Knob.GRU_GATE_ACTIVATION));
        assertEquals("one", value("keras-cntk", Knob.GRU_BIAS_SETS));
    }

    @Test
    void chainerAndLasagneKeepTheirShorthands() {
        assertEquals("ceil", value("chainer", Knob.POOL_ROUNDING));
        assertEquals("candidate", value("chainer", Knob.GRU_UPDATE_GATE_WEIGHTS));
        assertEquals("relu", value("lasagne", Knob.NAIVE_DENSE_ACTIVATION));
        assertEquals("relu", value("lasagne", Knob.NAIVE_CONV_ACTIVATION));
        assertEquals("convolution", value("lasagne", Knob.CONV_MODE));
        assertEquals("relu-then-pool", value("lasagne", Knob.RELU_POOL_ORDER));
    }

    @Test
    void pytorchAndTensorflowForgetDropoutDifferently() {
        assertEquals("never", value("pytorch", Knob.NAIVE_DROPOUT_MODE));
        assertEquals("never", value("tensorflow", Knob.NAIVE_DROPOUT_MODE));
        assertEquals("pytorch-default", value("pytorch", Knob.CONV_BIAS_INIT));
        assertEquals("pytorch-default", value("pytorch", Knob.GRU_RECURRENT_WEIGHT_INIT));
        assertEquals("hidden-size", value("pytorch", Knob.GRU_FAN_CONVENTION));
    }

    @Test
    void tensorflowLearnsItsInitialStateAndItsCellStartsGatesOpen() {
        assertEquals("trainable", value("tensorflow", Knob.GRU_INITIAL_STATE));
        assertEquals("constant(1.0)", value("tensorflow", Knob.NAIVE_GRU_GATE_BIAS_INIT));
        assertEquals("tf-concatenated", value("tensorflow", Knob.NAIVE_GRU_FAN_CONVENTION));
        assertEquals("before-matmul", value("tensorflow", Knob.NAIVE_GRU_RESET_GATE));
        assertEquals(4096, Dialect.builtIn("tensorflow").number(Knob.CONV_WORKSPACE_LIMIT_MB));
    }

    @Test
    void variantsDifferFromTheirParentsOnlyInHowDataIsFedAndScored() {
        assertEquals(List.of(Knob.ITERATOR_SHUFFLE, Knob.ITERATOR_LAST_BATCH),
                Dialect.builtIn("mxnet-generator").differences(Dialect.builtIn("mxnet")));
        assertEquals(List.of(Knob.ITERATOR_SHUFFLE, Knob.ITERATOR_LAST_BATCH),
                Dialect.builtIn("cntk-generator").differences(Dialect.builtIn("cntk")));
        assertEquals(List.of(Knob.ITERATOR_SHUFFLE, Knob.ITERATOR_LAST_BATCH, Knob.EVALUATION_SET),
                Dialect.builtIn("tensorflow-estimator").differences(Dialect.builtIn("tensorflow")));
        assertEquals("none", value("cntk", Knob.ITERATOR_SHUFFLE));
        assertEquals("every-epoch", value("cntk-generator", Knob.ITERATOR_SHUFFLE));
        assertEquals("batch-level", value("tensorflow-estimator", Knob.ITERATOR_SHUFFLE));
    }

    @Test
    void rnnNotebooksOverrideHowTheyAreFedWhereTheyDifferFromTheCnnNotebook() {
        Dialect cntkGru = Dialect.builtIn("cntk").forModel("gru");
        assertEquals("every-epoch", cntkGru.value(Knob.ITERATOR_SHUFFLE));
        assertEquals("drop", cntkGru.value(Knob.ITERATOR_LAST_BATCH));
        assertEquals("mxnet-xavier(uniform,avg,3)", Dialect.builtIn("gluon").forModel("gru").value(Knob.DENSE_WEIGHT_INIT));
        assertEquals("mxnet-xavier(uniform,avg,2.24)", Dialect.builtIn("gluon").forModel("vgg").value(Knob.DENSE_WEIGHT_INIT));
    }
}
