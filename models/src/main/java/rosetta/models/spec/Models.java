package rosetta.models.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models the command line knows, by name. */
public final class Models {
    private static final Map<String, ModelSpec> ALL = new LinkedHashMap<>();

    static {
        for (ModelSpec m : List.of(Vgg.benchmark(), Vgg.naive(), GruModel.benchmark(), GruModel.naive())) {
            ALL.put(m.name(), m);
        }
    }

    private Models() {
    }

    public static List<ModelSpec> all() {
        return List.copyOf(ALL.values());
    }

    public static ModelSpec byName(String name) {
        ModelSpec m = ALL.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; valid: " + String.join(", ", ALL.keySet()));
        }
        return m;
    }
}
