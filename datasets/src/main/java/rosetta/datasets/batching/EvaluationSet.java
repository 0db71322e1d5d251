package rosetta.datasets.batching;

import java.util.List;

/** Which test examples an evaluation scores, always in file order. */
public enum EvaluationSet {
    /**
     * Whole batches only, as the custom-loop notebooks' {@code yield_mb(x_test, y_test, 64)}: the first
     * 9,984 of 10,000 CIFAR test images and 24,960 of 25,000 IMDB reviews at batch size 64.
     */
    WHOLE_BATCHES(LastBatch.DROP),
    /** Every example, the last batch smaller, as Keras's {@code predict} and MXNet's {@code Module.predict}. */
    FULL(LastBatch.KEEP);

    private final LastBatch last;

    EvaluationSet(LastBatch last) {
        this.last = last;
    }

    /** Examples scored, e.g. 9,984 for 10,000 at batch size 64 with {@link #WHOLE_BATCHES}. */
    public int count(int size, int batchSize) {
        return plan(size, batchSize).examplesPerEpoch();
    }

    public List<Batch> batches(int size, int batchSize) {
        return plan(size, batchSize).epoch(0);
    }

    private BatchPlan plan(int size, int batchSize) {
        return new BatchPlan(size, batchSize, ShuffleMode.NONE, last, null);
    }
}
