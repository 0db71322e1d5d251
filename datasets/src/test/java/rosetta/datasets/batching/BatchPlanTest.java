package rosetta.datasets.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import rosetta.tensor.random.RngStream;

class BatchPlanTest {
    private static final long SEED = 42;

    private static BatchPlan plan(int size, ShuffleMode shuffle, LastBatch last) {
        return new BatchPlan(size, 3, shuffle, last, RngStream.seeded(SEED));
    }

    /** The batches of an epoch as nested arrays, for comparison with pinned orders. */
    private static int[][] order(List<Batch> batches) {
        return batches.stream().map(Batch::indices).toArray(int[][]::new);
    }

    private static int[] paddings(List<Batch> batches) {
        return batches.stream().mapToInt(Batch::padding).toArray();
    }

    @Test
    void noneVisitsTheFileOrderAndTreatsTheRestAsAsked() {
        assertArrayEquals(new int[][] {{0, 1, 2}, {3, 4, 5}},
                order(plan(7, ShuffleMode.NONE, LastBatch.DROP).epoch(0)));
        assertArrayEquals(new int[][] {{0, 1, 2}, {3, 4, 5}, {6}},
                order(plan(7, ShuffleMode.NONE, LastBatch.KEEP).epoch(3)));
        List<Batch> padded = plan(7, ShuffleMode.NONE, LastBatch.PAD).epoch(0);
        assertArrayEquals(new int[][] {{0, 1, 2}, {3, 4, 5}, {6, 0, 1}}, order(padded));
        assertArrayEquals(new int[] {0, 0, 2}, paddings(padded));
        assertEquals(1, padded.get(2).real());
    }

    @Test
    void paddingWrapsAroundASetSmallerThanABatch() {
        List<Batch> one = new BatchPlan(3, 8, ShuffleMode.NONE, LastBatch.PAD, null).epoch(0);
        assertArrayEquals(new int[][] {{0, 1, 2, 0, 1, 2, 0, 1}}, order(one));
        assertEquals(5, one.get(0).padding());
    }

    @Test
    void everyEpochDrawsAFreshPermutationFromTheEpochNumber() {
        BatchPlan plan = plan(10, ShuffleMode.EVERY_EPOCH, LastBatch.KEEP);
        assertArrayEquals(new int[][] {{9, 8, 4}, {1, 6, 5}, {0, 3, 7}, {2}}, order(plan.epoch(0)));
        assertArrayEquals(new int[][] {{0, 2, 1}, {3, 9, 8}, {5, 6, 4}, {7}}, order(plan.epoch(1)));
        assertArrayEquals(new int[][] {{0, 6, 7}, {4, 9, 8}, {5, 3, 1}, {2}}, order(plan.epoch(2)));
        for (int e = 0; e < 5; e++) {
            int[] visited = plan.epoch(e).stream().flatMapToInt(b -> Arrays.stream(b.indices())).sorted().toArray();
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, visited, "epoch " + e + " is a permutation");
        }
    }

    @Test
    void aResumedRunVisitsWhatAnUninterruptedRunVisits() {
        BatchPlan uninterrupted = plan(50, ShuffleMode.EVERY_EPOCH, LastBatch.DROP);
        for (int e = 0; e < 3; e++) {
            uninterrupted.epoch(e);
        }
        int[][] fourth = order(uninterrupted.epoch(3));
        assertArrayEquals(fourth, order(plan(50, ShuffleMode.EVERY_EPOCH, LastBatch.DROP).epoch(3)));
        assertArrayEquals(order(plan(50, ShuffleMode.BATCH_LEVEL, LastBatch.DROP).epoch(7)),
                order(plan(50, ShuffleMode.BATCH_LEVEL, LastBatch.DROP).epoch(7)));
        BatchPlan otherSeed = new BatchPlan(50, 3, ShuffleMode.EVERY_EPOCH, LastBatch.DROP, RngStream.seeded(SEED + 1));
        assertNotEquals(Arrays.deepToString(fourth), Arrays.deepToString(order(otherSeed.epoch(3))));
    }

    @Test
    void everyEpochPadsFromTheStartOfThatEpochsOrder() {
        List<Batch> padded = plan(7, ShuffleMode.EVERY_EPOCH, LastBatch.PAD).epoch(1);
        assertArrayEquals(new int[][] {{0, 6, 1}, {5, 3, 4}, {2, 0, 6}}, order(padded));
        assertEquals(2, padded.get(2).padding());
    }

    @Test
    void onceReusesEpochZerosPermutation() {
        BatchPlan once = plan(7, ShuffleMode.ONCE, LastBatch.KEEP);
        int[][] first = {{1, 0, 6}, {2, 5, 4}, {3}};
        assertArrayEquals(first, order(plan(7, ShuffleMode.EVERY_EPOCH, LastBatch.KEEP).epoch(0)));
        for (int e = 0; e < 4; e++) {
            assertArrayEquals(first, order(once.epoch(e)), "epoch " + e);
        }
    }

    @Test
    void batchLevelShufflesFixedBatchesAndKeepsTheIncompleteOneLast() {
        BatchPlan plan = plan(10, ShuffleMode.BATCH_LEVEL, LastBatch.PAD);
        assertArrayEquals(new int[][] {{3, 4, 5}, {6, 7, 8}, {0, 1, 2}, {9, 0, 1}}, order(plan.epoch(0)));
        assertArrayEquals(new int[][] {{3, 4, 5}, {0, 1, 2}, {6, 7, 8}, {9, 0, 1}}, order(plan.epoch(1)));
        assertArrayEquals(new int[] {0, 0, 0, 2}, paddings(plan.epoch(1)));
        assertArrayEquals(new int[][] {{3, 4, 5}, {6, 7, 8}, {0, 1, 2}, {9}},
                order(plan(10, ShuffleMode.BATCH_LEVEL, LastBatch.KEEP).epoch(0)));
    }

    @Test
    void countsMatchTheBenchmarksEpochs() {
        RngStream rng = RngStream.seeded(1);
        BatchPlan drop = new BatchPlan(50_000, 64, ShuffleMode.EVERY_EPOCH, LastBatch.DROP, rng);
        assertEquals(781, drop.batchesPerEpoch());
        assertEquals(49_984, drop.examplesPerEpoch());
        assertEquals(781, drop.epoch(0).size());
        BatchPlan keep = new BatchPlan(50_000, 64, ShuffleMode.EVERY_EPOCH, LastBatch.KEEP, rng);
        assertEquals(782, keep.batchesPerEpoch());
        assertEquals(50_000, keep.examplesPerEpoch());
        assertEquals(16, keep.epoch(0).get(781).size());
        BatchPlan pad = new BatchPlan(25_000, 64, ShuffleMode.ONCE, LastBatch.PAD, rng);
        assertEquals(391, pad.batchesPerEpoch(), "MXNet's 391 IMDB batches");
        assertEquals(24, pad.epoch(0).get(390).padding());
        assertEquals(390, new BatchPlan(25_000, 64, ShuffleMode.NONE, LastBatch.DROP, null).batchesPerEpoch());
    }

    @Test
    void impossiblePlansAreRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new BatchPlan(10, 64, ShuffleMode.NONE, LastBatch.DROP, null)).getMessage();
        assertTrue(message.contains("10 examples make no whole batch of 64"), message);
        assertThrows(IllegalArgumentException.class,
                () -> new BatchPlan(10, 2, ShuffleMode.EVERY_EPOCH, LastBatch.DROP, null));
        assertThrows(IllegalArgumentException.class, () -> new BatchPlan(0, 2, ShuffleMode.NONE, LastBatch.KEEP, null));
        assertThrows(IllegalArgumentException.class, () -> plan(7, ShuffleMode.NONE, LastBatch.KEEP).epoch(-1));
    }
}
