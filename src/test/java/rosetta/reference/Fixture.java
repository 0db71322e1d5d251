package rosetta.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.testing.Tolerance;

/**
 * A reference fixture from {@code src/test/resources/reference} (written by the reference-generator
 * module): who computed it, the op and its arguments, the tolerance to compare with, and named arrays
 * in this engine's layouts. Read-only; arrays come back as fresh copies.
 */
public final class Fixture {
    private static final String ROOT = "reference/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final JsonNode root;

    private Fixture(String path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    /** Every fixture path listed in {@code reference/INDEX}, e.g. {@code pytorch/conv2d-nchw-pad1-stride2.json}. */
    public static List<String> index() {
        try (InputStream in = resource(ROOT + "INDEX");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> paths = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    paths.add(line.strip());
                }
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "INDEX", e);
        }
    }

    /** Loads {@code reference/<path>}. */
    public static Fixture load(String path) {
        try (InputStream in = resource(ROOT + path)) {
            return new Fixture(path, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }

    /** Every fixture of {@code op} (e.g. {@code conv2d}), in index order. */
    public static List<Fixture> ofOp(String op) {
        List<Fixture> out = new ArrayList<>();
        for (String p : index()) {
            Fixture f = load(p);
            if (f.op().equals(op)) {
                out.add(f);
            }
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = Fixture.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the test class path; regenerate the fixtures "
                    + "(README, \"Reference fixtures\")");
        }
        return in;
    }

    public String path() {
        return path;
    }

    public String framework() {
        return text(root, "framework");
    }

    public String version() {
        return text(root, "version");
    }

    public String op() {
        return text(root, "op");
    }

    public String caseName() {
        return text(root, "case");
    }

    public String source() {
        return text(root, "source");
    }

    public Tolerance tolerance() {
        JsonNode t = node(root, "tolerance");
        return Tolerance.of(node(t, "atol").asDouble(), node(t, "rtol").asDouble());
    }

    public boolean has(String argument) {
        return node(root, "arguments").has(argument);
    }

    public String string(String argument) {
        return text(node(root, "arguments"), argument);
    }

    public double number(String argument) {
        return argument(argument).asDouble();
    }

    public int integer(String argument) {
        return argument(argument).asInt();
    }

    public boolean flag(String argument) {
        return argument(argument).asBoolean();
    }

    /** A list argument (e.g. {@code padding}), or a scalar one as a one-element array. */
    public double[] numbers(String argument) {
        JsonNode a = argument(argument);
        if (!a.isArray()) {
            return new double[] {a.asDouble()};
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    public int[] integers(String argument) {
        double[] d = numbers(argument);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    public boolean hasArray(String name) {
        return node(root, "arrays").has(name);
    }

    public List<String> arrayNames() {
        List<String> names = new ArrayList<>();
        node(root, "arrays").fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Shape shape(String array) {
        JsonNode s = node(array(array), "shape");
        int[] dims = new int[s.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.get(i).asInt();
        }
        return Shape.of(dims);
    }

    public double[] values(String array) {
        JsonNode d = node(array(array), "data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).asDouble();
        }
        return out;
    }

    /** The array as a new tensor of {@code dtype} on {@code backend} (INT32 for class indices). */
    public Tensor tensor(Backend backend, DType dtype, String array) {
        Tensor t = backend.allocate(dtype, shape(array));
        copyInto(array, t);
        return t;
    }

    /** Overwrites {@code target} (e.g. a parameter's value) with the array; the shapes must match. */
    public void copyInto(String array, Tensor target) {
        if (!target.shape().equals(shape(array))) {
            throw new IllegalArgumentException(this + " " + array + " has shape " + shape(array) + ", the tensor "
                    + target.shape());
        }
        double[] v = values(array);
        Backend backend = target.backend();
        switch (target.dtype()) {
            case INT32 -> {
                int[] ints = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    ints[i] = (int) v[i];
                }
                backend.copyFromHost(ints, 0, target);
            }
            case FLOAT32 -> {
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                backend.copyFromHost(f, 0, target);
            }
            default -> backend.copyFromHost(v, 0, target);
        }
    }

    /** Compares a tensor with the named expected array under the fixture's tolerance. */
    public void assertClose(String array, Tensor actual) {
        if (!actual.shape().equals(shape(array))) {
            throw new AssertionError(this + " " + array + ": shape " + actual.shape() + ", expected " + shape(array));
        }
        tolerance().assertClose(values(array), actual.toDoubleArray(), this + " " + array);
    }

    private JsonNode argument(String name) {
        return node(node(root, "arguments"), name);
    }

    private JsonNode array(String name) {
        return node(node(root, "arrays"), name);
    }

    private JsonNode node(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n == null) {
            throw new IllegalArgumentException("fixture " + path + " has no '" + key + "'");
        }
        return n;
    }

    private String text(JsonNode parent, String key) {
        return node(parent, key).asText();
    }

    @Override
    public String toString() {
        return path;
    }
}
