package rosetta.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rosetta.cli.report.AccuracyTimeChart;
import rosetta.cli.report.Table;
import rosetta.models.bench.TrainingStepBench;
import rosetta.models.dialect.Dialect;
import rosetta.models.results.ClassicResults;
import rosetta.models.results.RunRecord;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.ModelSpec;
import rosetta.models.train.TrainingResult;
import rosetta.tensor.Backend;
import rosetta.tensor.Backends;
import rosetta.tensor.Layout;
import rosetta.tensor.cpu.bench.CpuBench;

@Command(name = "bench", description = {
    "Train a model in several dialects and write the results table in the shape of the classic one",
    "(Markdown on standard output; CSV, JSON and a PNG chart of accuracy against time in --out).",
    "With --kernels: the CPU's speed instead: the SGEMM roofline, every convolution algorithm on each",
    "VGG layer, and whole VGG and GRU training steps, at each thread count."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--kernels", description = "Benchmark the CPU kernels and training steps instead of training.")
    boolean kernels;

    @Option(names = "--threads", split = ",", description = "Thread counts for --kernels (default: 1 and all cores).")
    List<Integer> threads;

    @Option(names = "--runs", description = "Timed runs per figure for --kernels (medians are reported).",
            defaultValue = "7")
    int runs;

    @Mixin
    RunOptions run;

    @Option(names = "--dialects", description = "Comma-separated dialects, or all (default).", defaultValue = "all")
    String dialects;

    @Option(names = "--out", description = "Folder for results.csv, results.json and results.png.",
            defaultValue = "bench-results")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (kernels) {
            List<Integer> counts = threads != null ? threads : List.of(1, Runtime.getRuntime().availableProcessors());
            new CpuBench(System.out, counts, runs, Layout.NCHW, List.of("roofline", "conv", "relu")).run();
            new TrainingStepBench(System.out, runs, "pytorch").run(counts);
            return 0;
        }
        ModelSpec spec = run.modelSpec();
        Hyperparameters h = run.hyperparameters();
        List<String> names = selected(spec);
        TaskData data = TaskData.load(spec.task(), run);
        Backends.Choice choice = run.openBackend();
        Files.createDirectories(out);
        Table table = new Table("dialect", "framework", "accuracy", "training s", "classic accuracy %",
                "classic s (K80)");
        Map<String, double[]> points = new LinkedHashMap<>();
        List<Map<String, Object>> records = new ArrayList<>();
        try (Backend backend = choice.backend()) {
            System.out.println("bench " + spec.name() + " on " + data.source() + "; " + choice.note() + " ("
                    + backend.description() + ")");
            for (String name : names) {
                Dialect d = run.forModel(Dialect.builtIn(name));
                Training.Outcome o = Training.run(backend, spec, d, h, data, run.seed);
                TrainingResult r = o.result();
                var classic = ClassicResults.of(spec.name(), name);
                table.add(name, d.framework(), String.format("%.4f", r.testAccuracy()),
                        String.format("%.1f", r.trainingSeconds()),
                        classic.map(c -> String.format("%.0f", c.accuracyPercent())).orElse("-"),
                        classic.map(c -> String.format("%.0f", c.seconds())).orElse("-"));
                points.put(name, new double[] {r.trainingSeconds(), r.testAccuracy()});
                records.add(new RunRecord(spec.name(), d, run.seed, backend.description(), data.source(),
                        data.split().train().size(), data.split().test().size(), h, o.parameters(), r).toMap());
                System.out.printf("  %-22s accuracy %.4f  training %.1f s%n", name, r.testAccuracy(),
                        r.trainingSeconds());
            }
        }
        System.out.print(table.markdown());
        Files.writeString(out.resolve("results.csv"), table.csv());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(),
                records);
        AccuracyTimeChart.write(out.resolve("results.png"), spec.name() + ": accuracy against training time", points);
        System.out.println("wrote results.csv, results.json and results.png to " + out);
        return 0;
    }

    private List<String> selected(ModelSpec spec) {
        String model = spec.name().replace("-naive", "");
        if (dialects.equals("all")) {
            return Dialect.builtInNames().stream().filter(n -> Dialect.builtIn(n).supports(model)).toList();
        }
        List<String> names = new ArrayList<>();
        for (String n : dialects.split(",")) {
            Dialect.builtIn(n.trim());
            names.add(n.trim());
        }
        return names;
    }
}
