package rosetta.models.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rosetta.datasets.Dataset;
import rosetta.datasets.Split;
import rosetta.datasets.batching.Batch;
import rosetta.datasets.batching.BatchPlan;
import rosetta.layers.Conv2d;
import rosetta.layers.Layer;
import rosetta.layers.Sequential;
import rosetta.layers.SoftmaxCrossEntropy;
import rosetta.optim.Optimizer;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * Trains a model the way the benchmark notebooks did: epochs of minibatch steps drawn as the dialect
 * says, only the training loop timed, then evaluation. Each epoch can end with an atomic checkpoint; a
 * run resumed from it ends with the same weights as an uninterrupted one.
 */
public final class Trainer implements AutoCloseable {
    /** Steps between reads of the loss on the host (each read waits for the backend, and checks for NaN). */
    private static final int PROGRESS_EVERY = 10;

    private final Backend backend;
    private final Sequential model;
    private final Recipe recipe;
    private final RngStream rng;
    private final SoftmaxCrossEntropy loss;
    private final Optimizer optimizer;
    private final Map<Dataset, DeviceBatch> feeds = new IdentityHashMap<>();
    private final Tensor lossSum;

    public Trainer(Backend backend, Sequential model, Recipe recipe, RngStream rng) {
        this.backend = backend;
        this.model = model;
        this.recipe = recipe;
        this.rng = rng;
        this.loss = new SoftmaxCrossEntropy(backend, recipe.loss());
        this.optimizer = recipe.optimizer().create();
        this.lossSum = backend.allocate(DType.FLOAT32, Shape.of(1));
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains for the recipe's epochs. With a checkpoint store, each epoch ends with a checkpoint; with
     * {@code resume}, training continues after the store's last checkpoint.
     */
    public TrainingResult train(Split data, TrainingListener listener, CheckpointStore store, boolean resume) {
        int epochs = recipe.hyperparameters().epochs();
        int batchSize = recipe.hyperparameters().batchSize();
        Dataset train = data.train();
        BatchPlan plan = new BatchPlan(train.size(), batchSize, recipe.shuffle(), recipe.lastBatch(), rng.split("shuffle"));
        List<EpochStats> history = new ArrayList<>();
        double trainingSeconds = 0;
        int firstEpoch = 0;
        if (resume) {
            CheckpointState state = store.load();
            state.restore(model, optimizer);
            history.addAll(state.history());
            trainingSeconds = state.trainingSeconds();
            firstEpoch = state.epochsDone();
        }
        double accuracy = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testAccuracy();
        for (int epoch = firstEpoch; epoch < epochs; epoch++) {
            List<Batch> epochBatches = plan.epoch(epoch);
            listener.epochStarted(epoch + 1, epochs, epochBatches.size());
            backend.fill(lossSum, 0);
            long start = System.nanoTime();
            int examples = 0;
            double shownLoss = Double.NaN;
            for (int step = 0; step < epochBatches.size(); step++) {
                Batch batch = epochBatches.get(step);
                examples += step(train, batch);
                if ((step + 1) % PROGRESS_EVERY == 0 || step + 1 == epochBatches.size()) {
                    shownLoss = meanLoss(step + 1, epoch);
                }
                listener.progress(step + 1, shownLoss, examples / seconds(start));
            }
            backend.synchronize();
            double seconds = seconds(start);
            trainingSeconds += seconds;
            double epochLoss = meanLoss(epochBatches.size(), epoch);
            accuracy = evaluate(data.test());
            EpochStats stats = new EpochStats(epoch + 1, epochLoss, accuracy, seconds, examples / seconds);
            history.add(stats);
            listener.epochFinished(stats);
            if (store != null) {
                store.save(CheckpointState.capture(epoch + 1, history, trainingSeconds, model, optimizer));
            }
        }
        return new TrainingResult(List.copyOf(history), accuracy, evaluationCount(data.test()), trainingSeconds,
                algorithms());
    }

    /** One forward, backward and update; returns the examples it consumed. */
    private int step(Dataset train, Batch batch) {
        Tensor[] xy = feed(train).load(batch);
        Tensor logits = model.forward(xy[0], true);
        Tensor value = loss.forward(logits, xy[1]);
        model.backward(loss.backward());
        optimizer.step(model.parameters(), batch.size());
        backend.axpby(1, value, 1, lossSum);
        return batch.size();
    }

    private double meanLoss(int steps, int epoch) {
        double mean = backend.sum(lossSum) / steps;
        if (!Double.isFinite(mean)) {
            throw new TrainingDivergedException("the training loss became " + mean + " in epoch " + (epoch + 1)
                    + " (step " + steps + "): lower the learning rate with --lr, or check the initialisers with"
                    + " `rosetta explain`");
        }
        return mean;
    }

    /** Accuracy over the recipe's evaluation set, in file order, argmax of the logits. */
    public double evaluate(Dataset test) {
        int batchSize = recipe.hyperparameters().batchSize();
        int correct = 0;
        int count = 0;
        for (Batch batch : recipe.evaluation().batches(test.size(), batchSize)) {
            float[] logits = model.forward(feed(test).load(batch)[0], false).toFloatArray();
            int classes = logits.length / batch.size();
            for (int row = 0; row < batch.size(); row++) {
                if (argmax(logits, row * classes, classes) == test.label(batch.indices()[row])) {
                    correct++;
                }
            }
            count += batch.size();
        }
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    private int evaluationCount(Dataset test) {
        return recipe.evaluation().count(test.size(), recipe.hyperparameters().batchSize());
    }

    private static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }

    private DeviceBatch feed(Dataset data) {
        return feeds.computeIfAbsent(data, d -> new DeviceBatch(backend, d, recipe.hyperparameters().batchSize(),
                recipe.oneHotLabels(), recipe.dataLayout()));
    }

    /** The algorithm each convolution ran, per pass, for the report. */
    private Map<String, Map<String, String>> algorithms() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Conv2d conv) {
                Map<String, String> passes = new LinkedHashMap<>();
                conv.algorithms().forEach((pass, name) -> passes.put(pass.name().toLowerCase().replace('_', '-'), name));
                out.put(conv.name(), passes);
            }
        }
        return out;
    }

    private static double seconds(long start) {
        return Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        feeds.values().forEach(DeviceBatch::close);
        loss.close();
        lossSum.close();
    }
}
