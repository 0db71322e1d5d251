package rosetta.datasets.batching;

/** What happens to the examples left over when the data set is not a multiple of the batch size. */
public enum LastBatch {
    /** Left out of the epoch, as the benchmark's {@code yield_mb} (781 of 782 CIFAR batches). */
    DROP,
    /** A smaller last batch, as Keras's {@code fit} (782 updates per CIFAR epoch, the last of 16). */
    KEEP,
    /**
     * Filled up to a full batch with the first examples of the epoch's order, and reported as padding,
     * as MXNet's {@code NDArrayIter(last_batch_handle='pad')} (python/mxnet/io.py @0.12.0, {@code _getdata}).
     */
    PAD
}
