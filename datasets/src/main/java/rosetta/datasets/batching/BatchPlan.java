package rosetta.datasets.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rosetta.tensor.random.RngStream;

/**
 * The batches of each epoch for a data set of {@code size} examples. Epoch {@code e}'s order depends only
 * on the stream and {@code e} (it draws from {@code rng.split(e)}), so a run resumed at epoch {@code e}
 * visits exactly what an uninterrupted run visits. {@link ShuffleMode#ONCE} reuses epoch 0's permutation.
 */
public final class BatchPlan {
    private final int size;
    private final int batchSize;
    private final ShuffleMode shuffle;
    private final LastBatch last;
    private final RngStream rng;

    /** {@code rng} may be null only for {@link ShuffleMode#NONE}. */
    public BatchPlan(int size, int batchSize, ShuffleMode shuffle, LastBatch last, RngStream rng) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need at least one example and a positive batch size, got " + size
                    + " examples and batch size " + batchSize);
        }
        if (last == LastBatch.DROP && size < batchSize) {
            throw new IllegalArgumentException(size + " examples make no whole batch of " + batchSize
                    + "; use a smaller batch size or keep the last batch");
        }
        if (rng == null && shuffle != ShuffleMode.NONE) {
            throw new IllegalArgumentException("shuffle mode " + shuffle + " needs a random stream");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.last = last;
        this.rng = rng;
    }

    /** Batches per epoch: whole batches, plus one for the rest unless it is dropped. */
    public int batchesPerEpoch() {
        return size / batchSize + (last != LastBatch.DROP && size % batchSize != 0 ? 1 : 0);
    }

    /** Examples visited per epoch, padding included. */
    public int examplesPerEpoch() {
        return last == LastBatch.PAD ? batchesPerEpoch() * batchSize
                : last == LastBatch.DROP ? size / batchSize * batchSize : size;
    }

    public List<Batch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + epoch);
        }
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        if (shuffle == ShuffleMode.EVERY_EPOCH || shuffle == ShuffleMode.ONCE) {
            rng.split(shuffle == ShuffleMode.ONCE ? 0 : epoch).shuffle(order);
        }
        List<Batch> batches = cut(order);
        if (shuffle == ShuffleMode.BATCH_LEVEL) {
            shuffleWholeBatches(batches, rng.split(epoch));
        }
        return batches;
    }

    private List<Batch> cut(int[] order) {
        List<Batch> batches = new ArrayList<>(batchesPerEpoch());
        for (int start = 0; start < size; start += batchSize) {
            int n = Math.min(batchSize, size - start);
            if (n == batchSize || last == LastBatch.KEEP) {
                batches.add(new Batch(Arrays.copyOfRange(order, start, start + n), 0));
            } else if (last == LastBatch.PAD) {
                int[] indices = new int[batchSize];
                for (int j = 0; j < batchSize; j++) {
                    // wraps to the start of the order; more than once if the set is smaller than a batch
                    indices[j] = order[(start + j) % size];
                }
                batches.add(new Batch(indices, batchSize - n));
            }
        }
        return batches;
    }

    /** Shuffles the whole batches; an incomplete last one stays last, as Keras's {@code _batch_shuffle}. */
    private void shuffleWholeBatches(List<Batch> batches, RngStream r) {
        int whole = size / batchSize;
        int[] perm = new int[whole];
        Arrays.setAll(perm, i -> i);
        r.shuffle(perm);
        List<Batch> cutInOrder = new ArrayList<>(batches.subList(0, whole));
        for (int i = 0; i < whole; i++) {
            batches.set(i, cutInOrder.get(perm[i]));
        }
    }
}
