package rosetta.cli.commands;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rosetta.cli.report.Table;
import rosetta.layers.Layer;
import rosetta.layers.Sequential;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.models.dialect.KnobSetting;
import rosetta.models.spec.BuildContext;
import rosetta.models.spec.ModelSpec;
import rosetta.models.spec.Models;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.random.RngStream;

@Command(name = "explain", description = {
    "A dialect's knobs with their values, reasons and sources;",
    "with --model, the layer table that dialect builds (output shapes, parameters, initialisers)."})
public final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "Dialect name (or use --dialect).")
    String name;

    @Option(names = "--dialect", description = "Dialect name.")
    String dialectOption;

    @Option(names = "--model", description = "Show the layers this model gets in the dialect.")
    String model;

    @Override
    public Integer call() {
        String dialectName = name != null ? name : dialectOption;
        if (dialectName == null) {
            throw new IllegalArgumentException("name a dialect: rosetta explain pytorch (see `rosetta dialects`)");
        }
        Dialect dialect = Dialect.builtIn(dialectName);
        if (model == null) {
            System.out.println(dialect.name() + ": " + dialect.framework() + ". " + dialect.summary());
            Table table = new Table("knob", "value", "why", "source");
            for (Map.Entry<Knob, KnobSetting> e : dialect.settings().entrySet()) {
                table.add(e.getKey().key(), e.getValue().value(), e.getValue().why(), e.getValue().source());
            }
            System.out.print(table.markdown());
        } else {
            System.out.print(layerTable(dialect, Models.byName(model)).markdown());
        }
        return 0;
    }

    /** The layers a model gets in a dialect, built on the CPU, with shapes for a batch of N. */
    public static Table layerTable(Dialect dialect, ModelSpec spec) {
        Dialect d = dialect.forModel(spec.name().replace("-naive", ""));
        Table table = new Table("layer", "kind", "output", "parameters", "initialisers");
        try (CpuBackend cpu = new CpuBackend();
             Sequential net = spec.build(new BuildContext(cpu, DType.FLOAT32, d, RngStream.seeded(1)))) {
            Shape shape = inputShape(spec, d);
            long total = 0;
            for (Layer layer : net.layers()) {
                shape = layer.outputShape(shape);
                long count = layer.parameters().stream().mapToLong(p -> p.value().size()).sum();
                total += count;
                String inits = layer.parameters().stream().map(p -> p.name() + "=" + p.initializer())
                        .collect(Collectors.joining(", "));
                table.add(layer.name(), layer.getClass().getSimpleName(), batchOf(shape), count, inits);
            }
            table.add("total", "", "", total, "");
        }
        return table;
    }

    private static Shape inputShape(ModelSpec spec, Dialect d) {
        Shape example = spec.task().exampleShape();
        if (example.rank() == 3) {
            boolean nhwc = d.choice(Knob.DATA_LAYOUT).equals("nhwc");
            return nhwc ? Shape.of(1, example.dim(1), example.dim(2), example.dim(0))
                    : Shape.of(1, example.dim(0), example.dim(1), example.dim(2));
        }
        return Shape.of(1, example.dim(0));
    }

    private static String batchOf(Shape s) {
        StringBuilder b = new StringBuilder("[N");
        for (int i = 1; i < s.rank(); i++) {
            b.append(", ").append(s.dim(i));
        }
        return b.append(']').toString();
    }
}
