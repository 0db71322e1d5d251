package rosetta.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rosetta.cli.report.Table;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.ModelSpec;
import rosetta.tensor.Backend;
import rosetta.tensor.Backends;

@Command(name = "ablate", description = {
    "Start from dialect A and flip, one at a time and then all together, the knobs in which B differs;",
    "train each variant with the same seed and data, and report what each knob changes."})
public final class AblateCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "The dialect to start from.")
    String from;

    @Option(names = "--to", required = true, description = "The dialect whose values are flipped in.")
    String to;

    @Mixin
    RunOptions run;

    @Option(names = "--json", description = "Also write the table as JSON to this file.")
    Path json;

    /** One trained variant. */
    private record Outcome(double accuracy, double seconds, long parameters) {
        static Outcome of(Training.Outcome o) {
            return new Outcome(o.result().testAccuracy(), o.result().trainingSeconds(), o.parameters());
        }
    }

    @Override
    public Integer call() {
        ModelSpec spec = run.modelSpec();
        Hyperparameters h = run.hyperparameters();
        Dialect a = run.forModel(Dialect.builtIn(from));
        Dialect b = run.forModel(Dialect.builtIn(to));
        List<Knob> differing = a.differences(b);
        TaskData data = TaskData.load(spec.task(), run);
        Backends.Choice choice = run.openBackend();
        System.out.println("ablate " + spec.name() + " from " + from + " to " + to + ": " + differing.size()
                + " knobs differ; " + data.source() + "; " + choice.note());
        Table table = new Table("knob", from, to, "Δ accuracy", "Δ training s", "Δ parameters");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Backend backend = choice.backend()) {
            Outcome base = train(backend, spec, a, h, data);
            System.out.printf("baseline %s: accuracy %.4f, %.1f s%n", from, base.accuracy(), base.seconds());
            Dialect all = a;
            for (Knob k : differing) {
                if (!spec.knobs().contains(k)) {
                    table.add(k.key(), a.value(k), b.value(k), "not read by " + spec.name(), "", "");
                    rows.add(row(k, a, b, null, base));
                    continue;
                }
                Outcome o = train(backend, spec, a.with(k.key(), b.value(k)), h, data);
                System.out.printf("  %s = %s: accuracy %.4f, %.1f s%n", k.key(), b.value(k), o.accuracy(), o.seconds());
                table.add(k.key(), a.value(k), b.value(k), signed(o.accuracy() - base.accuracy(), "%+.4f"),
                        signed(o.seconds() - base.seconds(), "%+.1f"), signed(o.parameters() - base.parameters(), "%+.0f"));
                rows.add(row(k, a, b, o, base));
                all = all.with(k.key(), b.value(k));
            }
            Outcome together = train(backend, spec, all, h, data);
            table.add("all together", "", "", signed(together.accuracy() - base.accuracy(), "%+.4f"),
                    signed(together.seconds() - base.seconds(), "%+.1f"),
                    signed(together.parameters() - base.parameters(), "%+.0f"));
            System.out.print(table.markdown());
            if (json != null) {
                write(json, base, together, rows);
            }
        }
        return 0;
    }

    private Outcome train(Backend backend, ModelSpec spec, Dialect d, Hyperparameters h, TaskData data) {
        return Outcome.of(Training.run(backend, spec, d, h, data, run.seed));
    }

    private static String signed(double v, String format) {
        return String.format(format, v);
    }

    private static Map<String, Object> row(Knob k, Dialect a, Dialect b, Outcome o, Outcome base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("knob", k.key());
        m.put("from", a.value(k));
        m.put("to", b.value(k));
        m.put("readByModel", o != null);
        if (o != null) {
            m.put("deltaAccuracy", o.accuracy() - base.accuracy());
            m.put("deltaSeconds", o.seconds() - base.seconds());
            m.put("deltaParameters", o.parameters() - base.parameters());
        }
        return m;
    }

    private void write(Path file, Outcome base, Outcome together, List<Map<String, Object>> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", run.modelSpec().name());
        out.put("from", from);
        out.put("to", to);
        out.put("seed", run.seed);
        out.put("baseline", base);
        out.put("knobs", rows);
        out.put("allTogether", together);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        System.out.println("ablation written to " + file);
    }
}
