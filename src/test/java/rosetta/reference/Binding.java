package rosetta.reference;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.tensor.BackendProvider;
import rosetta.tensor.Backends;

/**
 * A dialect that must reproduce a framework's fixtures when its layers are configured from its own knob
 * values, not the fixture's arguments: so changing one of those values makes the fixture fail.
 * {@code model} picks the knob set: {@code vgg} and {@code gru} read what the benchmark notebooks ran,
 * {@code vgg-naive} and {@code gru-naive} the framework's defaults (the {@code naive.*} knobs) where the
 * dialect has them. {@code fixtures} is a path prefix under {@code reference/}. {@code reorderGates} lets
 * a GRU binding hand over weights in the dialect's gate order: set only where a dialect's notebook ran a
 * different layer (a cuDNN GRU) than the framework whose storage the fixture follows.
 */
record Binding(String dialect, String model, String fixtures, boolean reorderGates) {

    static Binding of(String dialect, String model, String fixtures) {
        return new Binding(dialect, model, fixtures, false);
    }

    Dialect load() {
        return Dialect.builtIn(dialect).forModel(model);
    }

    boolean naive() {
        return model.endsWith("-naive");
    }

    /** The naive knob where this binding reads framework defaults, otherwise the notebook's knob. */
    Knob pick(Knob notebook, Knob naive) {
        return naive() ? naive : notebook;
    }

    /** The value of a knob as an enum constant of the same name ({@code lr-outside} -> LR_OUTSIDE). */
    <E extends Enum<E>> E constant(Class<E> type, Knob knob) {
        return enumOf(type, load().choice(knob));
    }

    /** A kebab-case value (a knob's or a fixture argument's) as the enum constant of the same name. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String kebab) {
        return Enum.valueOf(type, kebab.toUpperCase().replace('-', '_'));
    }

    /** (fixture, binding, backend) for every fixture of {@code op} under a binding's prefix, on every backend. */
    static Stream<Arguments> cases(String op, List<Binding> bindings) {
        List<BackendProvider> providers = Backends.providers();
        List<Fixture> fixtures = Fixture.ofOp(op);
        return bindings.stream().flatMap(b -> {
            List<Fixture> matched = fixtures.stream().filter(f -> f.path().startsWith(b.fixtures())).toList();
            if (matched.isEmpty()) {
                throw new IllegalStateException(b + " matches no " + op + " fixture");
            }
            return matched.stream().flatMap(f -> providers.stream()
                    .map(p -> Arguments.of(f, b, new ReferenceCases.Named(p))));
        });
    }

    @Override
    public String toString() {
        return dialect + " (" + model + ")";
    }
}
