package rosetta.models.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (InputStream in = Dialect.class.getResourceAsStream("/dialects/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ObjectNode builtInJson(String name) throws IOException {
        return (ObjectNode) JSON.readTree(resource(name));
    }

    private static ObjectNode knobs(ObjectNode dialect) {
        return (ObjectNode) dialect.get("knobs");
    }

    private Path write(String file, Object content) throws IOException {
        Path path = dir.resolve(file);
        Files.writeString(path, content instanceof String text ? text : JSON.writeValueAsString(content));
        return path;
    }

    /** Loads a file that must fail and returns the one-line message. */
    private static String failure(Path file) {
        DialectException e = assertThrows(DialectException.class, () -> Dialect.fromFile(file));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void everyBuiltInSurvivesACopyToAFile() throws IOException {
        for (String name : Dialect.builtInNames()) {
            Dialect copy = Dialect.fromFile(write(name + ".json", resource(name)));
            assertEquals(Dialect.builtIn(name), copy, name);
            assertTrue(copy.origin().startsWith("dialect file "), copy.origin());
        }
    }

    @Test
    void withSetsOneKnobFromTheCommandLineAndLeavesTheOriginalAlone() {
        Dialect pytorch = Dialect.builtIn("pytorch");
        Dialect changed = pytorch.with("conv.algorithm-search", "heuristic");
        assertEquals("heuristic", changed.value(Knob.CONV_ALGORITHM_SEARCH));
        assertEquals(new KnobSetting("heuristic", "set on the command line", "set on the command line"),
                changed.setting(Knob.CONV_ALGORITHM_SEARCH));
        assertEquals("exhaustive", pytorch.value(Knob.CONV_ALGORITHM_SEARCH));
        assertEquals(List.of(Knob.CONV_ALGORITHM_SEARCH), changed.differences(pytorch));
        assertEquals("pytorch", changed.name());
        assertEquals("0.25,0.5,0.5", pytorch.with("dropout.rates", "0.25, 0.5, 0.5").value(Knob.DROPOUT_RATES));
    }

    @Test
    void withRejectsUnknownKnobsAndInvalidValues() {
        Dialect pytorch = Dialect.builtIn("pytorch");
        DialectException unknown = assertThrows(DialectException.class, () -> pytorch.with("momentum", "0.9"));
        assertTrue(unknown.getMessage().startsWith("unknown knob 'momentum'; valid knobs: "), unknown.getMessage());
        DialectException invalid = assertThrows(DialectException.class, () -> pytorch.with("layout", "chw"));
        assertEquals("knob 'layout' cannot be 'chw'; it takes one of nchw, nhwc", invalid.getMessage());
    }

    @Test
    void commandLineWinsOverAModelOverride() {
        Dialect gluon = Dialect.builtIn("gluon").with("dense.weight-init", "zeros");
        assertEquals("zeros", gluon.forModel("gru").value(Knob.DENSE_WEIGHT_INIT));
        assertTrue(gluon.overrides("gru").isEmpty());
    }

    @Test
    void forModelAppliesTheFamilysOverridesOnly() {
        Dialect cntk = Dialect.builtIn("cntk");
        assertSame(cntk, cntk.forModel("vgg"));
        assertSame(cntk, cntk.forModel("vgg-naive"));
        assertEquals(List.of(Knob.ITERATOR_SHUFFLE, Knob.ITERATOR_LAST_BATCH), cntk.forModel("gru").differences(cntk));
        assertEquals(cntk.forModel("gru"), cntk.forModel("gru-naive"));
        assertEquals(List.of(Knob.ITERATOR_SHUFFLE, Knob.ITERATOR_LAST_BATCH), List.copyOf(cntk.overrides("gru").keySet()));
        assertTrue(cntk.overrides("vgg").isEmpty());
    }

    @Test
    void differencesCompareNumbersAsNumbers() {
        Dialect pytorch = Dialect.builtIn("pytorch");
        assertTrue(pytorch.differences(pytorch).isEmpty());
        assertTrue(pytorch.with("optimizer.weight-decay", "0.0").differences(pytorch).isEmpty());
        assertTrue(pytorch.with("dropout.rates", "0.25,0.250,.5").differences(pytorch).isEmpty());
        List<Knob> kerasVsPytorch = Dialect.builtIn("keras-tf").differences(pytorch);
        assertTrue(kerasVsPytorch.containsAll(List.of(Knob.CONV_WEIGHT_INIT, Knob.LOSS_FORM, Knob.LOSS_LABELS,
                Knob.OPTIMIZER_MOMENTUM_RULE, Knob.RELU_POOL_ORDER, Knob.ITERATOR_LAST_BATCH)), kerasVsPytorch.toString());
        assertFalse(kerasVsPytorch.contains(Knob.LAYOUT));
    }

    @Test
    void typedAccessorsRefuseTheWrongKind() {
        Dialect caffe2 = Dialect.builtIn("caffe2");
        assertEquals(64.0, caffe2.number(Knob.CONV_WORKSPACE_LIMIT_MB));
        assertEquals("nchw", caffe2.choice(Knob.LAYOUT));
        assertThrows(IllegalArgumentException.class, () -> caffe2.choice(Knob.CONV_WEIGHT_INIT));
        assertThrows(IllegalArgumentException.class, () -> caffe2.number(Knob.DROPOUT_RATES));
        assertThrows(IllegalArgumentException.class, () -> caffe2.numbers(Knob.CONV_WORKSPACE_LIMIT_MB));
        assertThrows(UnsupportedOperationException.class, () -> caffe2.settings().remove(Knob.LAYOUT));
    }

    @Test
    void aFileExtendsABuiltInOrAFileBesideIt() throws IOException {
        ObjectNode child = JSON.createObjectNode();
        child.put("name", "pytorch-heuristic").put("framework", "PyTorch 0.3.1").put("summary", "no cudnn.benchmark");
        child.putArray("notebooks").add("notebooks/PyTorch_CNN.ipynb");
        child.putArray("models").add("vgg");
        child.put("extends", "pytorch");
        child.putObject("knobs").putObject("conv.algorithm-search").put("value", "heuristic")
                .put("why", "benchmark=False").put("source", "torch/backends/cudnn/__init__.py @v0.3.0");
        Dialect fromBuiltIn = Dialect.fromFile(write("child.json", child));
        assertEquals(List.of(Knob.CONV_ALGORITHM_SEARCH), fromBuiltIn.differences(Dialect.builtIn("pytorch")));
        assertEquals(Dialect.builtIn("pytorch").setting(Knob.LOSS_FORM), fromBuiltIn.setting(Knob.LOSS_FORM));
        assertEquals(List.of("vgg"), fromBuiltIn.models());

        ObjectNode sibling = builtInJson("keras-tf");
        sibling.put("name", "pytorch");
        write("pytorch.json", sibling);
        Dialect fromSibling = Dialect.fromFile(dir.resolve("child.json"));
        assertEquals("softmax-then-log", fromSibling.value(Knob.LOSS_FORM));
        assertEquals("heuristic", fromSibling.value(Knob.CONV_ALGORITHM_SEARCH));
    }

    @Test
    void numbersMayBeWrittenAsJsonNumbers() throws IOException {
        ObjectNode caffe2 = builtInJson("caffe2");
        ((ObjectNode) knobs(caffe2).get("conv.workspace-limit-mb")).put("value", 128);
        assertEquals(128.0, Dialect.fromFile(write("c.json", caffe2)).number(Knob.CONV_WORKSPACE_LIMIT_MB));
    }

    @Test
    void unknownBuiltInListsTheNames() {
        DialectException e = assertThrows(DialectException.class, () -> Dialect.builtIn("theano"));
        assertEquals("unknown dialect 'theano'; built-in dialects: " + String.join(", ", Dialect.builtInNames())
                + "; or load a copy you edited with --dialect-file PATH", e.getMessage());
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertEquals("cannot read dialect file " + missing + ": no such file; check the path", failure(missing));
        assertTrue(failure(dir).endsWith(": it is a directory"), failure(dir));
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', (byte) 0xE9, '}'});
        assertTrue(failure(latin1).endsWith("it is not UTF-8 text"), failure(latin1));
    }

    @Test
    void invalidJsonGivesTheLineAndColumn() throws IOException {
        String text = resource("caffe2").replaceFirst("\"name\": \"caffe2\",", "\"name\": \"caffe2\"");
        String message = failure(write("broken.json", text));
        assertTrue(message.startsWith("dialect file " + dir.resolve("broken.json") + " is not valid JSON at line 3, column "),
                message);
        assertTrue(failure(write("array.json", "[]")).endsWith("must hold one JSON object, { \"name\": ..., \"knobs\": {...} }"));
        assertTrue(failure(write("twice.json", "{\"name\": \"a\", \"name\": \"b\"}")).contains("Duplicate field 'name'"));
    }

    @Test
    void unknownFieldsAndKnobsAreRefused() throws IOException {
        ObjectNode typo = builtInJson("caffe2");
        typo.set("knob", typo.remove("knobs"));
        assertEquals("dialect file " + dir.resolve("typo.json") + ", the top level: unknown field \"knob\"; valid fields:"
                + " name, framework, summary, notebooks, models, extends, knobs, overrides", failure(write("typo.json", typo)));

        ObjectNode unknownKnob = builtInJson("caffe2");
        knobs(unknownKnob).set("pool.stride", knobs(unknownKnob).get("pool.rounding"));
        assertTrue(failure(write("knob.json", unknownKnob)).contains(", knobs: unknown knob 'pool.stride'; valid knobs: "));

        ObjectNode extraField = builtInJson("caffe2");
        ((ObjectNode) knobs(extraField).get("layout")).put("note", "x");
        assertTrue(failure(write("extra.json", extraField)).endsWith(
                ", knobs, layout: unknown field \"note\"; valid fields: value, why, source"));
    }

    @Test
    void missingKnobsAreListed() throws IOException {
        ObjectNode partial = builtInJson("caffe2");
        knobs(partial).remove(List.of("conv.mode", "pool.rounding"));
        assertEquals("dialect file " + dir.resolve("partial.json") + " does not set 2 knob(s): conv.mode, pool.rounding;"
                + " give each a value, why and source, or extend a dialect that does", failure(write("partial.json", partial)));
        ObjectNode none = builtInJson("caffe2");
        none.remove("knobs");
        assertTrue(failure(write("none.json", none)).endsWith(" has no \"knobs\"; give every knob a value, why and source,"
                + " or extend a dialect"));
    }

    @Test
    void invalidValuesNameTheKnobAndTheValidValues() throws IOException {
        ObjectNode choice = builtInJson("caffe2");
        ((ObjectNode) knobs(choice).get("pool.rounding")).put("value", "round");
        assertEquals("dialect file " + dir.resolve("choice.json") + ", knobs, pool.rounding: knob 'pool.rounding' cannot"
                + " be 'round'; it takes one of floor, ceil", failure(write("choice.json", choice)));

        ObjectNode number = builtInJson("caffe2");
        ((ObjectNode) knobs(number).get("conv.workspace-limit-mb")).put("value", "lots");
        assertTrue(failure(write("number.json", number)).endsWith(
                "knob 'conv.workspace-limit-mb' cannot be 'lots'; it takes a number of at least 0"));

        ObjectNode noWhy = builtInJson("caffe2");
        ((ObjectNode) knobs(noWhy).get("layout")).remove("why");
        assertTrue(failure(write("why.json", noWhy)).endsWith(", knobs, layout: needs a one-line \"why\""));

        ObjectNode objectValue = builtInJson("caffe2");
        ((ObjectNode) knobs(objectValue).get("layout")).putObject("value");
        assertTrue(failure(write("value.json", objectValue)).endsWith(
                ", knobs, layout: needs a \"value\" (a string or a number)"));

        ObjectNode override = builtInJson("gluon");
        ((ObjectNode) override.get("overrides").get("gru").get("dense.weight-init")).put("value", "");
        assertTrue(failure(write("override.json", override)).contains(", overrides for gru, dense.weight-init: knob"
                + " 'dense.weight-init' cannot be ''"));
    }

    @Test
    void modelsMustBeBenchmarkModels() throws IOException {
        ObjectNode overrides = builtInJson("gluon");
        ObjectNode byModel = (ObjectNode) overrides.get("overrides");
        byModel.set("resnet", byModel.remove("gru"));
        assertTrue(failure(write("o.json", overrides)).endsWith(", overrides: unknown model 'resnet'; valid models: vgg, gru"));

        ObjectNode models = builtInJson("gluon");
        models.putArray("models").add("vgg").add("lstm");
        assertTrue(failure(write("m.json", models)).endsWith(", models: unknown model 'lstm'; valid models: vgg, gru"));
    }

    @Test
    void extendsMustPointSomewhereWithoutCycles() throws IOException {
        ObjectNode orphan = builtInJson("mxnet-generator");
        orphan.put("extends", "nope");
        assertTrue(failure(write("orphan.json", orphan)).contains(" extends 'nope', which is neither nope.json beside it"
                + " nor a built-in dialect (caffe2, "));

        ObjectNode a = builtInJson("mxnet-generator");
        a.put("name", "a").put("extends", "b");
        ObjectNode b = builtInJson("mxnet-generator");
        b.put("name", "b").put("extends", "a");
        Path aFile = write("a.json", a);
        write("b.json", b);
        assertEquals("dialect file " + aFile + ": extends cycle a.json -> b.json -> a.json; remove one of these extends",
                failure(aFile));

        ObjectNode self = builtInJson("mxnet-generator");
        self.put("name", "self").put("extends", "self");
        assertTrue(failure(write("self.json", self)).endsWith(": extends cycle self.json -> self.json; remove one of these extends"));
    }

    @Test
    void equalityIgnoresOnlyTheOrigin() throws IOException {
        ObjectNode renamed = builtInJson("chainer");
        renamed.put("summary", "edited");
        Dialect edited = Dialect.fromFile(write("chainer.json", renamed));
        assertNotEquals(Dialect.builtIn("chainer"), edited);
        assertTrue(edited.differences(Dialect.builtIn("chainer")).isEmpty());
    }
}
