package rosetta.models.dialect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One framework's defaults as an immutable value: every {@link Knob} with its value, why it has that
 * value and where that was read. Built-in dialects are the resource files {@code dialects/<name>.json};
 * a user copies one, edits it and loads it with {@link #fromFile}. Layers read a dialect once when they
 * are built; nothing consults a global.
 */
public final class Dialect {
    /** The benchmark models a dialect may have a notebook for and override knobs for. */
    public static final List<String> BENCHMARK_MODELS = List.of("vgg", "gru");

    private final String name;
    private final String framework;
    private final String summary;
    private final List<String> notebooks;
    private final List<String> models;
    private final SortedMap<Knob, KnobSetting> settings;
    private final Map<String, SortedMap<Knob, KnobSetting>> overrides;
    private final String origin;

    Dialect(String name, String framework, String summary, List<String> notebooks, List<String> models,
            Map<Knob, KnobSetting> settings, Map<String, ? extends Map<Knob, KnobSetting>> overrides, String origin) {
        this.name = name;
        this.framework = framework;
        this.summary = summary;
        this.notebooks = List.copyOf(notebooks);
        this.models = List.copyOf(models);
        this.settings = sorted(settings);
        TreeMap<String, SortedMap<Knob, KnobSetting>> byModel = new TreeMap<>();
        overrides.forEach((model, knobs) -> {
            if (!knobs.isEmpty()) {
                byModel.put(model, sorted(knobs));
            }
        });
        this.overrides = Collections.unmodifiableSortedMap(byModel);
        this.origin = origin;
        for (Knob knob : Knob.values()) {
            if (!this.settings.containsKey(knob)) {
                throw new IllegalArgumentException(origin + " lacks knob " + knob.key());
            }
        }
    }

    /** The names of the built-in dialects, sorted. */
    public static List<String> builtInNames() {
        return BuiltInDialects.names();
    }

    /** A built-in dialect; an unknown name is a {@link DialectException} listing the built-in names. */
    public static Dialect builtIn(String name) {
        return BuiltInDialects.get(name);
    }

    /**
     * A dialect from a file in the built-in format. Its {@code extends} names a file beside it
     * ({@code <name>.json}) or else a built-in dialect. Anything unreadable or invalid is a
     * {@link DialectException} with a one-line message naming the file.
     */
    public static Dialect fromFile(Path file) {
        return DialectReader.read(new DialectLocation.File(file));
    }

    public String name() {
        return name;
    }

    /** The framework and version the dialect reproduces, e.g. {@code PyTorch 0.3.1}. */
    public String framework() {
        return framework;
    }

    /** One line: what the dialect reproduces. */
    public String summary() {
        return summary;
    }

    /** The benchmark notebooks whose settings the dialect holds. */
    public List<String> notebooks() {
        return notebooks;
    }

    /** The benchmark models ({@code vgg}, {@code gru}) with a notebook in this dialect. */
    public List<String> models() {
        return models;
    }

    /** Where the dialect was loaded from: a built-in resource or a file path. */
    public String origin() {
        return origin;
    }

    /** Whether the benchmark has a notebook for {@code model} in this framework. */
    public boolean supports(String model) {
        return models.contains(model);
    }

    /**
     * This dialect with the settings that {@code model}'s notebook changes (e.g. a framework whose RNN
     * notebook feeds data differently from its CNN notebook). A variant such as {@code gru-naive} takes the
     * overrides of its family, {@code gru}. A model without overrides gives this dialect unchanged.
     */
    public Dialect forModel(String model) {
        SortedMap<Knob, KnobSetting> changes = overrides(family(model));
        if (changes.isEmpty()) {
            return this;
        }
        TreeMap<Knob, KnobSetting> merged = new TreeMap<>(settings);
        merged.putAll(changes);
        return new Dialect(name, framework, summary, notebooks, models, merged, Map.of(), origin);
    }

    /** The settings {@code model}'s notebook changes; empty when there are none. */
    public SortedMap<Knob, KnobSetting> overrides(String model) {
        return overrides.getOrDefault(model, Collections.emptySortedMap());
    }

    /**
     * This dialect with one knob set on the command line ({@code --set key=value}); the value is
     * validated, and it wins over any model override of the same knob.
     */
    public Dialect with(String key, String value) {
        Knob knob = Knob.byKey(key);
        TreeMap<Knob, KnobSetting> changed = new TreeMap<>(settings);
        changed.put(knob, KnobSetting.fromCommandLine(knob.canonical(value)));
        TreeMap<String, TreeMap<Knob, KnobSetting>> remaining = new TreeMap<>();
        overrides.forEach((model, knobs) -> {
            TreeMap<Knob, KnobSetting> copy = new TreeMap<>(knobs);
            copy.remove(knob);
            remaining.put(model, copy);
        });
        return new Dialect(name, framework, summary, notebooks, models, changed, remaining, origin);
    }

    public KnobSetting setting(Knob knob) {
        return settings.get(knob);
    }

    public String value(Knob knob) {
        return settings.get(knob).value();
    }

    /** The value of a {@link Knob.Kind#CHOICE} knob. */
    public String choice(Knob knob) {
        requireKind(knob, Knob.Kind.CHOICE);
        return value(knob);
    }

    /** The value of a {@link Knob.Kind#NUMBER} knob. */
    public double number(Knob knob) {
        requireKind(knob, Knob.Kind.NUMBER);
        return Double.parseDouble(value(knob));
    }

    /** The values of a {@link Knob.Kind#NUMBER_LIST} knob. */
    public double[] numbers(Knob knob) {
        requireKind(knob, Knob.Kind.NUMBER_LIST);
        return parseList(value(knob));
    }

    /** Every knob's setting, in {@link Knob} order. */
    public SortedMap<Knob, KnobSetting> settings() {
        return settings;
    }

    /** The knobs whose values differ from {@code other}'s (numbers compared as numbers), in {@link Knob} order. */
    public List<Knob> differences(Dialect other) {
        List<Knob> out = new ArrayList<>();
        for (Knob knob : Knob.values()) {
            if (!sameValue(knob, value(knob), other.value(knob))) {
                out.add(knob);
            }
        }
        return out;
    }

    /** Equal when everything but {@link #origin()} is equal, so a copied file equals its built-in. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dialect d && name.equals(d.name) && framework.equals(d.framework)
                && summary.equals(d.summary) && notebooks.equals(d.notebooks) && models.equals(d.models)
                && settings.equals(d.settings) && overrides.equals(d.overrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, framework, summary, notebooks, models, settings, overrides);
    }

    @Override
    public String toString() {
        return name;
    }

    static String family(String model) {
        int dash = model.indexOf('-');
        return dash < 0 ? model : model.substring(0, dash);
    }

    private static boolean sameValue(Knob knob, String a, String b) {
        return switch (knob.kind()) {
            case NUMBER -> Double.parseDouble(a) == Double.parseDouble(b);
            case NUMBER_LIST -> Arrays.equals(parseList(a), parseList(b));
            case INITIALIZER, CHOICE -> a.equals(b);
        };
    }

    private static double[] parseList(String value) {
        return Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static void requireKind(Knob knob, Knob.Kind kind) {
        if (knob.kind() != kind) {
            throw new IllegalArgumentException("knob " + knob.key() + " holds " + knob.kind() + ", not " + kind);
        }
    }

    private static SortedMap<Knob, KnobSetting> sorted(Map<Knob, KnobSetting> knobs) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(knobs));
    }
}
