package rosetta.reference.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One reference case as it is written to {@code reference/<framework>/<op>-<case>.json}: who computed
 * it (framework, version, the source it follows), the op and its arguments, the tolerance a test should
 * allow, and the named arrays (inputs, weights, expected outputs and gradients) in this engine's layouts.
 * A float32 result is written in the shortest decimal that reads back as the same float32; read as a
 * double it may differ by half a float32 ulp (6e-8 relative), so no fixture asks for less than 1e-6.
 */
public final class Fixture {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String framework;
    private final String op;
    private final String caseName;
    private final ObjectNode root = JSON.objectNode();
    private final ObjectNode arguments = JSON.objectNode();
    private final ObjectNode arrays = JSON.objectNode();

    public Fixture(String framework, String version, String op, String caseName, String source) {
        this.framework = framework;
        this.op = op;
        this.caseName = caseName;
        root.put("framework", framework);
        root.put("version", version);
        root.put("op", op);
        root.put("case", caseName);
        root.put("source", source);
    }

    /** The file this fixture is written to, relative to the reference folder. */
    public String path() {
        return framework + "/" + op + "-" + caseName + ".json";
    }

    public Fixture note(String text) {
        root.put("note", text);
        return this;
    }

    public Fixture arg(String key, String value) {
        arguments.put(key, value);
        return this;
    }

    public Fixture arg(String key, boolean value) {
        arguments.put(key, value);
        return this;
    }

    public Fixture arg(String key, double value) {
        arguments.put(key, value);
        return this;
    }

    public Fixture arg(String key, int value) {
        arguments.put(key, value);
        return this;
    }

    public Fixture arg(String key, int... values) {
        ArrayNode a = arguments.putArray(key);
        for (int v : values) {
            a.add(v);
        }
        return this;
    }

    public Fixture arg(String key, double[] values) {
        ArrayNode a = arguments.putArray(key);
        for (double v : values) {
            a.add(v);
        }
        return this;
    }

    public Fixture tolerance(double atol, double rtol) {
        ObjectNode t = root.putObject("tolerance");
        t.put("atol", atol);
        t.put("rtol", rtol);
        return this;
    }

    public Fixture array(String name, int[] shape, float[] data) {
        ArrayNode values = JSON.arrayNode(data.length);
        for (float v : data) {
            values.add(v);
        }
        return put(name, shape, values, data.length);
    }

    public Fixture array(String name, int[] shape, double[] data) {
        ArrayNode values = JSON.arrayNode(data.length);
        for (double v : data) {
            values.add(v);
        }
        return put(name, shape, values, data.length);
    }

    public Fixture array(String name, int[] shape, int[] data) {
        ArrayNode values = JSON.arrayNode(data.length);
        for (int v : data) {
            values.add(v);
        }
        return put(name, shape, values, data.length);
    }

    private Fixture put(String name, int[] shape, ArrayNode values, int length) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size != length) {
            throw new IllegalStateException(path() + ": array " + name + " has " + length + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
        ObjectNode a = arrays.putObject(name);
        ArrayNode s = a.putArray("shape");
        for (int d : shape) {
            s.add(d);
        }
        a.set("data", values);
        return this;
    }

    /** The JSON tree, keys in a fixed order. */
    public JsonNode toJson() {
        if (!root.has("tolerance")) {
            throw new IllegalStateException(path() + " states no tolerance");
        }
        ObjectNode out = root.deepCopy();
        out.set("arguments", arguments);
        out.set("arrays", arrays);
        return out;
    }
}
