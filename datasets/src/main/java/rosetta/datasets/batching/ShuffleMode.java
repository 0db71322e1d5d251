package rosetta.datasets.batching;

/** In which order a training epoch visits the examples. */
public enum ShuffleMode {
    /**
     * A fresh permutation of all examples each epoch, as the benchmark's {@code yield_mb(shuffle=True)}
     * (notebooks/common/utils.py @671e2a0) and Keras's {@code fit(shuffle=True)}.
     */
    EVERY_EPOCH,
    /**
     * Batches cut once in file order, their order shuffled each epoch; an incomplete last batch stays
     * last, as Keras's {@code fit(shuffle='batch')} ({@code _batch_shuffle}, keras/engine/training.py @2.1.4).
     */
    BATCH_LEVEL,
    /**
     * One permutation, drawn once and reused every epoch, as MXNet 0.12's {@code NDArrayIter(shuffle=True)},
     * which shuffles the arrays at construction (python/mxnet/io.py @0.12.0).
     */
    ONCE,
    /** File order every epoch. */
    NONE
}
