package rosetta.cli.commands;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rosetta.cli.report.Table;
import rosetta.models.dialect.Dialect;
import rosetta.models.results.RunRecord;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.ModelSpec;
import rosetta.models.train.CheckpointStore;
import rosetta.models.train.EpochStats;
import rosetta.models.train.Recipe;
import rosetta.models.train.TrainingListener;
import rosetta.models.train.TrainingResult;
import rosetta.tensor.Backend;
import rosetta.tensor.Backends;

@Command(name = "train", description = "Train a benchmark model in a dialect; report accuracy and training time.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    RunOptions run;

    @Mixin
    DialectOptions dialects;

    @Option(names = "--json", description = "Write the results record (JSON) to this file.")
    Path json;

    @Option(names = "--checkpoint-dir", description = "Write a checkpoint here after every epoch (atomically).")
    Path checkpointDir;

    @Option(names = "--resume", description = "Continue from the last checkpoint in --checkpoint-dir.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bars (e.g. when logging to a file).")
    boolean noProgress;

    @Override
    public Integer call() {
        ModelSpec spec = run.modelSpec();
        Dialect dialect = run.forModel(dialects.resolve());
        Hyperparameters h = run.hyperparameters();
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint-dir: the folder holding the checkpoint");
        }
        if (!dialect.supports(spec.name().replace("-naive", ""))) {
            System.err.println("note: " + dialect.name() + " has no " + spec.name() + " notebook in the benchmark;"
                    + " its framework defaults are used");
        }
        TaskData data = TaskData.load(spec.task(), run);
        Backends.Choice choice = run.openBackend();
        try (Backend backend = choice.backend()) {
            System.out.println("rosetta train: model " + spec.name() + ", dialect " + dialect.name() + " ("
                    + dialect.framework() + "), seed " + run.seed);
            System.out.println(choice.note() + " (" + backend.description() + ")");
            System.out.println("data: " + data.source() + " (" + data.split().train().size() + " train, "
                    + data.split().test().size() + " test)");
            System.out.println("optimizer: " + Recipe.of(dialect, spec.task(), h).optimizer().create().describe());
            CheckpointStore store = checkpointDir == null ? null
                    : new CheckpointStore(checkpointDir, run.fingerprint(dialect, h, data.source()));
            TrainingListener listener = noProgress ? TrainingListener.SILENT : new ProgressBarListener();
            Training.Outcome o = Training.run(backend, spec, dialect, h, data, run.seed, listener, store, resume);
            printSummary(o.result(), data);
            if (json != null) {
                new RunRecord(spec.name(), dialect, run.seed, backend.description(), data.source(),
                        data.split().train().size(), data.split().test().size(), h, o.parameters(), o.result())
                        .write(json);
                System.out.println("results written to " + json);
            }
        }
        return 0;
    }

    private static void printSummary(TrainingResult result, TaskData data) {
        Table epochs = new Table("epoch", "loss", "test accuracy", "seconds", "examples/s");
        for (EpochStats e : result.epochs()) {
            epochs.add(e.epoch(), String.format("%.4f", e.loss()), String.format("%.4f", e.testAccuracy()),
                    String.format("%.1f", e.seconds()), String.format("%.0f", e.examplesPerSecond()));
        }
        System.out.print(epochs.markdown());
        System.out.printf("test accuracy %.4f on %d of %d test examples; training loop %.1f s%n",
                result.testAccuracy(), result.evaluated(), data.split().test().size(), result.trainingSeconds());
        if (!result.algorithms().isEmpty()) {
            Table algos = new Table("layer", "forward", "backward-data", "backward-filter");
            for (Map.Entry<String, Map<String, String>> e : result.algorithms().entrySet()) {
                Map<String, String> p = e.getValue();
                algos.add(e.getKey(), p.get("forward"), p.get("backward-data"), p.get("backward-filter"));
            }
            System.out.print(algos.markdown());
        }
    }
}
