package rosetta.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import rosetta.models.dialect.Dialect;

/** Which dialect a run speaks: a built-in or a user's file, with single knobs overridden. */
public final class DialectOptions {
    @Option(names = "--dialect", description = "Built-in dialect (see `rosetta dialects`).", defaultValue = "pytorch")
    String dialect;

    @Option(names = "--dialect-file", description = "A dialect file of your own (JSON, as in `rosetta explain`).")
    Path dialectFile;

    @Option(names = "--set", description = "Override one knob: --set knob=value (repeatable).")
    List<String> overrides = new ArrayList<>();

    /** The dialect with every --set applied. */
    public Dialect resolve() {
        Dialect d = dialectFile != null ? Dialect.fromFile(dialectFile) : Dialect.builtIn(dialect);
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects knob=value, got '" + o + "'");
            }
            d = d.with(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
        }
        return d;
    }
}
