package rosetta.datasets.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationSetTest {

    @Test
    void wholeBatchesScoreTheBenchmarksCounts() {
        assertEquals(9_984, EvaluationSet.WHOLE_BATCHES.count(10_000, 64));
        assertEquals(24_960, EvaluationSet.WHOLE_BATCHES.count(25_000, 64));
        assertEquals(10_000, EvaluationSet.FULL.count(10_000, 64));
        assertEquals(25_000, EvaluationSet.FULL.count(25_000, 64));
    }

    @Test
    void batchesFollowTheFileOrder() {
        List<Batch> whole = EvaluationSet.WHOLE_BATCHES.batches(10_000, 64);
        assertEquals(156, whole.size());
        assertEquals(9_983, whole.get(155).indices()[63]);
        List<Batch> full = EvaluationSet.FULL.batches(10_000, 64);
        assertEquals(157, full.size());
        assertArrayEquals(new int[] {9_984, 9_985}, Arrays.copyOf(full.get(156).indices(), 2));
        assertEquals(16, full.get(156).size());
        assertEquals(0, full.get(156).padding());
        for (int b = 0; b < full.size(); b++) {
            assertEquals(64 * b, full.get(b).indices()[0]);
        }
    }
}
