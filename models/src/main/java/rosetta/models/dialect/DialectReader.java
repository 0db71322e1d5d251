package rosetta.models.dialect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a dialect file, follows its {@code extends} chain and checks everything before a {@link Dialect}
 * exists: unknown fields and knobs, missing knobs, values a knob cannot take, cycles. Every failure is a
 * {@link DialectException} whose one line starts with the file it is about.
 */
final class DialectReader {
    private static final List<String> FIELDS =
            List.of("name", "framework", "summary", "notebooks", "models", "extends", "knobs", "overrides");
    private static final List<String> SETTING_FIELDS = List.of("value", "why", "source");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DialectReader() {
    }

    static Dialect read(DialectLocation location) {
        Merged m = resolve(location, new ArrayList<>());
        return new Dialect(m.name, m.framework, m.summary, m.notebooks, m.models, m.knobs, m.overrides,
                location.describe());
    }

    /** One file's fields with its parent's knobs and overrides merged in; every knob is present. */
    private record Merged(String name, String framework, String summary, List<String> notebooks,
            List<String> models, Map<Knob, KnobSetting> knobs, Map<String, Map<Knob, KnobSetting>> overrides) {
    }

    private static Merged resolve(DialectLocation location, List<DialectLocation> chain) {
        if (chain.contains(location)) {
            List<String> labels = new ArrayList<>();
            chain.forEach(l -> labels.add(l.label()));
            labels.add(location.label());
            throw new DialectException(chain.get(0).describe() + ": extends cycle " + String.join(" -> ", labels)
                    + "; remove one of these extends");
        }
        chain.add(location);
        Context file = new Context(location.describe());
        JsonNode root = parse(location);
        file.onlyFields(root, FIELDS, "the top level");
        if (location instanceof DialectLocation.BuiltIn builtIn && !builtIn.name().equals(file.text(root, "name"))) {
            throw file.error("names itself '" + root.get("name").asText() + "', but must be named " + builtIn.name());
        }

        Map<Knob, KnobSetting> knobs = new EnumMap<>(Knob.class);
        Map<String, Map<Knob, KnobSetting>> overrides = new TreeMap<>();
        JsonNode parentName = root.get("extends");
        if (parentName != null && !parentName.isNull()) {
            String parent = file.text(root, "extends");
            DialectLocation parentLocation = location.resolve(parent);
            if (parentLocation == null) {
                throw file.error("extends '" + parent + "', which is neither " + parent + ".json beside it nor a"
                        + " built-in dialect (" + String.join(", ", BuiltInDialects.names()) + ")");
            }
            Merged inherited = resolve(parentLocation, chain);
            knobs.putAll(inherited.knobs);
            inherited.overrides.forEach((model, settings) -> overrides.put(model, new EnumMap<>(settings)));
        } else if (!root.has("knobs")) {
            throw file.error("has no \"knobs\"; give every knob a value, why and source, or extend a dialect");
        }
        if (root.has("knobs")) {
            knobs.putAll(file.settings(root.get("knobs"), "knobs"));
        }
        JsonNode byModel = root.get("overrides");
        if (byModel != null && !byModel.isNull()) {
            file.requireObject(byModel, "overrides");
            byModel.fields().forEachRemaining(entry -> {
                String model = file.model(entry.getKey(), "overrides");
                overrides.computeIfAbsent(model, m -> new EnumMap<>(Knob.class))
                        .putAll(file.settings(entry.getValue(), "overrides for " + model));
            });
        }

        List<String> missing = new ArrayList<>();
        for (Knob knob : Knob.values()) {
            if (!knobs.containsKey(knob)) {
                missing.add(knob.key());
            }
        }
        if (!missing.isEmpty()) {
            throw file.error("does not set " + missing.size() + " knob(s): " + String.join(", ", missing)
                    + "; give each a value, why and source, or extend a dialect that does");
        }
        chain.remove(chain.size() - 1);
        return new Merged(file.text(root, "name"), file.text(root, "framework"), file.text(root, "summary"),
                file.texts(root, "notebooks"), file.models(root), knobs, overrides);
    }

    private static JsonNode parse(DialectLocation location) {
        String text = location.read();
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new DialectException(location.describe() + ": must hold one JSON object, { \"name\": ..., \"knobs\": {...} }");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new DialectException(location.describe() + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        }
    }

    /** Checks one file's nodes; its messages start with the file they are about. */
    private record Context(String describe) {

        DialectException error(String problem) {
            return new DialectException(describe + " " + problem);
        }

        DialectException error(String where, String problem) {
            return new DialectException(describe + ", " + where + ": " + problem);
        }

        void requireObject(JsonNode node, String where) {
            if (!node.isObject()) {
                throw error(where, "must be a JSON object");
            }
        }

        void onlyFields(JsonNode node, List<String> allowed, String where) {
            requireObject(node, where);
            node.fieldNames().forEachRemaining(field -> {
                if (!allowed.contains(field)) {
                    throw error(where, "unknown field \"" + field + "\"; valid fields: " + String.join(", ", allowed));
                }
            });
        }

        String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error("has no \"" + field + "\"");
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw error("\"" + field + "\" must be a non-empty string");
            }
            return value.asText().trim();
        }

        List<String> texts(JsonNode node, String field) {
            JsonNode array = node.get(field);
            if (array == null || !array.isArray()) {
                throw error("\"" + field + "\" must be a list of strings, e.g. [\"notebooks/PyTorch_CNN.ipynb\"]");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : array) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw error("\"" + field + "\" must hold non-empty strings only");
                }
                out.add(item.asText().trim());
            }
            return out;
        }

        List<String> models(JsonNode root) {
            List<String> out = new ArrayList<>();
            for (String model : texts(root, "models")) {
                if (out.contains(model)) {
                    throw error("models", "lists " + model + " twice");
                }
                out.add(model(model, "models"));
            }
            return out;
        }

        String model(String model, String where) {
            if (!Dialect.BENCHMARK_MODELS.contains(model)) {
                throw error(where, "unknown model '" + model + "'; valid models: "
                        + String.join(", ", Dialect.BENCHMARK_MODELS));
            }
            return model;
        }

        Map<Knob, KnobSetting> settings(JsonNode node, String where) {
            requireObject(node, where);
            Map<Knob, KnobSetting> out = new EnumMap<>(Knob.class);
            node.fields().forEachRemaining(entry -> {
                Knob knob = knob(entry.getKey(), where);
                out.put(knob, setting(knob, entry.getValue(), where + ", " + knob.key()));
            });
            return out;
        }

        private Knob knob(String key, String where) {
            try {
                return Knob.byKey(key);
            } catch (DialectException e) {
                throw new DialectException(describe + ", " + where + ": " + e.getMessage(), e);
            }
        }

        private KnobSetting setting(Knob knob, JsonNode node, String where) {
            onlyFields(node, SETTING_FIELDS, where);
            JsonNode value = node.get("value");
            if (value == null || !(value.isTextual() || value.isNumber())) {
                throw error(where, "needs a \"value\" (a string or a number)");
            }
            String canonical;
            try {
                canonical = knob.canonical(value.asText());
            } catch (DialectException e) {
                throw new DialectException(describe + ", " + where + ": " + e.getMessage(), e);
            }
            return new KnobSetting(canonical, line(node, "why", where), line(node, "source", where));
        }

        private String line(JsonNode node, String field, String where) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw error(where, "needs a one-line \"" + field + "\"");
            }
            String text = value.asText().trim();
            if (text.contains("\n")) {
                throw error(where, "\"" + field + "\" must be one line");
            }
            return text;
        }
    }
}
