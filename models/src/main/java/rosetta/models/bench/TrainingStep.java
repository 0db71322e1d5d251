package rosetta.models.bench;

import java.util.List;
import rosetta.layers.Parameter;
import rosetta.layers.Sequential;
import rosetta.layers.SoftmaxCrossEntropy;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.BuildContext;
import rosetta.models.spec.ModelSpec;
import rosetta.models.spec.Task;
import rosetta.models.train.Recipe;
import rosetta.optim.Optimizer;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * One training step of a benchmark model built from the real layers in a dialect, on one seeded batch
 * already on the backend (the host copy is the data pipeline's, not the step's): forward, loss, backward
 * and the optimiser's update. {@link TrainingStepBench} times it; tests check that a warm one allocates
 * nothing and repeats bit for bit.
 */
public final class TrainingStep implements AutoCloseable {
    /** The benchmark's batch size for both models (reference/benchmark.md §1). */
    public static final int BATCH = 64;
    /** Token ids are drawn below the benchmark's vocabulary. */
    private static final int VOCABULARY = 30_000;

    private final Backend backend;
    private final Sequential model;
    private final SoftmaxCrossEntropy loss;
    private final Tensor x;
    private final Tensor labels;
    private final Optimizer optimizer;

    /** {@code dialect} already specialised for the model ({@link Dialect#forModel}); weights from {@code seed}. */
    public TrainingStep(Backend backend, ModelSpec spec, Dialect dialect, long seed) {
        this.backend = backend;
        Recipe recipe = Recipe.of(dialect, spec.task(), spec.defaults());
        this.model = spec.build(new BuildContext(backend, DType.FLOAT32, dialect, RngStream.seeded(seed)));
        this.loss = new SoftmaxCrossEntropy(backend, recipe.loss());
        this.x = input(backend, spec.task());
        this.labels = labels(backend, spec.task(), recipe.oneHotLabels());
        this.optimizer = recipe.optimizer().create();
    }

    public void run() {
        Tensor logits = model.forward(x, true);
        loss.forward(logits, labels);
        model.backward(loss.backward());
        optimizer.step(model.parameters(), BATCH);
        backend.synchronize();
    }

    public List<Parameter> parameters() {
        return model.parameters();
    }

    @Override
    public void close() {
        model.close();
        loss.close();
        x.close();
        labels.close();
    }

    private static Tensor input(Backend backend, Task task) {
        Shape example = task.exampleShape();
        if (task == Task.IMDB) {
            int[] ids = new int[BATCH * example.dim(0)];
            RngStream rng = RngStream.seeded(2);
            for (int i = 0; i < ids.length; i++) {
                ids[i] = rng.nextInt(VOCABULARY);
            }
            Tensor t = backend.allocate(DType.INT32, Shape.of(BATCH, example.dim(0)));
            backend.copyFromHost(ids, 0, t);
            return t;
        }
        Tensor t = backend.allocate(DType.FLOAT32, Shape.of(BATCH, example.dim(0), example.dim(1), example.dim(2)));
        backend.fillUniform(t, RngStream.seeded(2), 0, 1);
        return t;
    }

    private static Tensor labels(Backend backend, Task task, boolean oneHot) {
        RngStream rng = RngStream.seeded(3);
        if (oneHot) {
            float[] rows = new float[BATCH * task.classes()];
            for (int i = 0; i < BATCH; i++) {
                rows[i * task.classes() + rng.nextInt(task.classes())] = 1f;
            }
            Tensor t = backend.allocate(DType.FLOAT32, Shape.of(BATCH, task.classes()));
            backend.copyFromHost(rows, 0, t);
            return t;
        }
        int[] ids = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            ids[i] = rng.nextInt(task.classes());
        }
        Tensor t = backend.allocate(DType.INT32, Shape.of(BATCH));
        backend.copyFromHost(ids, 0, t);
        return t;
    }
}
