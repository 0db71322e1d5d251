package rosetta.cli.commands;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.ModelSpec;
import rosetta.models.spec.Models;
import rosetta.tensor.Backends;

/** What to train: the options train, ablate and bench share. */
public final class RunOptions {
    @Option(names = "--model", description = "vgg, vgg-naive, gru, gru-naive.", defaultValue = "vgg")
    String model;

    @Option(names = "--epochs", description = "Epochs (default: the benchmark's).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Minibatch size (default 64).")
    Integer batchSize;

    @Option(names = "--lr", description = "Learning rate (default: the benchmark's).")
    Double learningRate;

    @Option(names = "--seed", description = "Seed of every random draw (default 1).", defaultValue = "1")
    long seed;

    @Option(names = "--backend", description = "auto, cpu or cuda.", defaultValue = "cpu")
    String backend;

    @Option(names = "--data", description = "Data directory (default: $ROSETTA_DATA, then ~/.rosetta/data).")
    Path data;

    @Option(names = "--synthetic", description = "Train on a synthetic data set of the task's shapes.")
    boolean synthetic;

    @Option(names = "--synthetic-if-missing", description = "Use the real data if found, else a synthetic set (and say so).")
    boolean syntheticIfMissing;

    @Option(names = "--limit-train", description = "Use only the first N training examples.")
    Integer limitTrain;

    @Option(names = "--limit-test", description = "Evaluate on only the first N test examples.")
    Integer limitTest;

    /** The backend, chosen once for the run. */
    public Backends.Choice openBackend() {
        return Backends.open(backend);
    }

    /**
     * A fingerprint of everything that decides a run's numbers, so a checkpoint is only resumed by the
     * run that wrote it (the epoch count may grow: training longer is a legitimate resume).
     */
    public String fingerprint(Dialect d, Hyperparameters h, String dataSource) {
        StringBuilder b = new StringBuilder();
        b.append(model).append('|').append(d.name()).append('|').append(seed).append('|')
                .append(h.batchSize()).append('|').append(h.learningRate()).append('|').append(dataSource)
                .append('|').append(limitTrain).append('|').append(limitTest);
        d.settings().forEach((k, v) -> b.append('|').append(k.key()).append('=').append(v.value()));
        return model + "/" + d.name() + "/seed " + seed + "/" + Integer.toHexString(b.toString().hashCode());
    }

    public ModelSpec modelSpec() {
        return Models.byName(model);
    }

    /** A dialect as this run's model uses it (the model's overrides applied). */
    public Dialect forModel(Dialect d) {
        return d.forModel(modelSpec().name().replace("-naive", ""));
    }

    public Hyperparameters hyperparameters() {
        Hyperparameters h = modelSpec().defaults();
        if (epochs != null) {
            h = h.withEpochs(positive(epochs, "--epochs"));
        }
        if (batchSize != null) {
            h = h.withBatchSize(positive(batchSize, "--batch-size"));
        }
        if (learningRate != null) {
            if (!(learningRate > 0) || learningRate.isInfinite()) {
                throw new IllegalArgumentException("--lr must be a positive number, got " + learningRate);
            }
            h = h.withLearningRate(learningRate);
        }
        return h;
    }

    private static int positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
        return v;
    }
}
