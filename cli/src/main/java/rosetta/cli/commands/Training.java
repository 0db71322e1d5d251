package rosetta.cli.commands;

import rosetta.layers.Sequential;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.BuildContext;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.ModelSpec;
import rosetta.models.train.CheckpointStore;
import rosetta.models.train.Recipe;
import rosetta.models.train.Trainer;
import rosetta.models.train.TrainingListener;
import rosetta.models.train.TrainingResult;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.random.RngStream;

/** One training run as every command wires it: the model from the seed's "init" stream, the trainer from its "train" stream. */
final class Training {
    private Training() {
    }

    /** What a run produced, and how many parameters its model had. */
    record Outcome(TrainingResult result, long parameters) {
    }

    static Outcome run(Backend backend, ModelSpec spec, Dialect dialect, Hyperparameters h, TaskData data, long seed,
            TrainingListener listener, CheckpointStore store, boolean resume) {
        try (Sequential model = spec.build(new BuildContext(backend, DType.FLOAT32, dialect,
                RngStream.seeded(seed).split("init")));
             Trainer trainer = new Trainer(backend, model, Recipe.of(dialect, spec.task(), h),
                     RngStream.seeded(seed).split("train"))) {
            TrainingResult r = trainer.train(data.split(), listener, store, resume);
            long parameters = model.parameters().stream().mapToLong(p -> p.value().size()).sum();
            return new Outcome(r, parameters);
        }
    }

    static Outcome run(Backend backend, ModelSpec spec, Dialect dialect, Hyperparameters h, TaskData data, long seed) {
        return run(backend, spec, dialect, h, data, seed, TrainingListener.SILENT, null, false);
    }
}
