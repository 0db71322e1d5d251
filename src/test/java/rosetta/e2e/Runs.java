package rosetta.e2e;

import rosetta.datasets.Split;
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

/** Training runs for tests, wired as the train command wires them. */
final class Runs {
    private Runs() {
    }

    static Sequential build(Backend backend, ModelSpec spec, Dialect dialect, long seed) {
        return spec.build(new BuildContext(backend, DType.FLOAT32, dialect.forModel(spec.name().replace("-naive", "")),
                RngStream.seeded(seed).split("init")));
    }

    /** Trains and returns the result; the model is left trained for the caller to inspect. */
    static TrainingResult train(Backend backend, Sequential model, ModelSpec spec, Dialect dialect, Hyperparameters h,
            Split data, long seed, CheckpointStore store, boolean resume) {
        Dialect d = dialect.forModel(spec.name().replace("-naive", ""));
        try (Trainer trainer = new Trainer(backend, model, Recipe.of(d, spec.task(), h),
                RngStream.seeded(seed).split("train"))) {
            return trainer.train(data, TrainingListener.SILENT, store, resume);
        }
    }
}
