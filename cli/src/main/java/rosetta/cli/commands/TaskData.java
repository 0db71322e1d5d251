package rosetta.cli.commands;

import java.nio.file.Path;
import rosetta.datasets.DataException;
import rosetta.datasets.Split;
import rosetta.datasets.Subset;
import rosetta.datasets.cifar.Cifar10;
import rosetta.datasets.download.DataLocator;
import rosetta.datasets.imdb.Imdb;
import rosetta.datasets.synthetic.SyntheticCifar;
import rosetta.datasets.synthetic.SyntheticSentiment;
import rosetta.models.spec.Task;

/** The data a run trains on, and where it came from (for the report). */
record TaskData(Split split, String source) {

    /** The IMDB vocabulary and encoded reviews are cached here so a second run does not rebuild them. */
    static final Path CACHE = Path.of(System.getProperty("user.home"), ".rosetta", "cache");

    static TaskData load(Task task, RunOptions options) {
        TaskData data;
        if (options.synthetic) {
            data = synthetic(task, options);
        } else {
            try {
                data = real(task, options);
            } catch (DataException e) {
                if (!options.syntheticIfMissing) {
                    throw e;
                }
                System.err.println("note: " + e.getMessage());
                System.err.println("note: --synthetic-if-missing: training on a synthetic " + task + " set instead");
                data = synthetic(task, options);
            }
        }
        return data.limited(options);
    }

    private static TaskData real(Task task, RunOptions options) {
        DataLocator locator = DataLocator.fromSystem(options.data);
        return switch (task) {
            case CIFAR10 -> {
                Path source = locator.cifar10();
                yield new TaskData(Cifar10.load(source), "CIFAR-10 from " + source);
            }
            case IMDB -> {
                Path source = locator.imdb();
                yield new TaskData(Imdb.load(source, CACHE), "IMDB from " + source);
            }
        };
    }

    private static TaskData synthetic(Task task, RunOptions options) {
        int train = options.limitTrain != null ? options.limitTrain : task == Task.CIFAR10 ? 50_000 : 25_000;
        int test = options.limitTest != null ? options.limitTest : task == Task.CIFAR10 ? 10_000 : 25_000;
        return switch (task) {
            case CIFAR10 -> new TaskData(new SyntheticCifar(train, test, options.seed).split(),
                    "synthetic CIFAR-10-shaped set (seed " + options.seed + ")");
            case IMDB -> new TaskData(new SyntheticSentiment(train, test, Imdb.DEFAULT_MAX_LEN, Imdb.DEFAULT_VOCABULARY,
                    options.seed).split(), "synthetic IMDB-shaped set (seed " + options.seed + ")");
        };
    }

    private TaskData limited(RunOptions options) {
        if (options.limitTrain == null && options.limitTest == null) {
            return this;
        }
        Split s = new Split(
                options.limitTrain == null ? split.train() : Subset.first(split.train(), options.limitTrain),
                options.limitTest == null ? split.test() : Subset.first(split.test(), options.limitTest));
        return new TaskData(s, source);
    }
}
