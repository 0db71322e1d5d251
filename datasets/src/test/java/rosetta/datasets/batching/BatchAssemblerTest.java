package rosetta.datasets.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import rosetta.datasets.ImageDataset;
import rosetta.datasets.SequenceDataset;
import rosetta.tensor.Shape;

class BatchAssemblerTest {
    /** Three [1, 1, 2] images with pixels (51 i, 51 i + 51) and labels 2, 0, 1. */
    private static final ImageDataset IMAGES = new ImageDataset("images", Shape.of(1, 1, 2), 3,
            new byte[] {0, 51, 51, 102, 102, (byte) 153}, new int[] {2, 0, 1});
    private static final SequenceDataset TOKENS = new SequenceDataset("tokens", 3, 2,
            new int[] {1, 5, 0, 1, 7, 8, 9, 9, 9}, new int[] {1, 0, 1});

    @Test
    void fillsFloatExamplesAndClassIdsInBatchOrder() {
        BatchAssembler assembler = new BatchAssembler(IMAGES, 2, LabelFormat.CLASS_IDS);
        float[] x = assembler.floatExamples();
        assembler.fill(new Batch(new int[] {2, 0}, 0));
        assertArrayEquals(new float[] {0.4f, 0.6f, 0f, 0.2f}, x);
        assertArrayEquals(new int[] {1, 2}, assembler.classIds());
        assembler.fill(new Batch(new int[] {1}, 0));
        assertArrayEquals(new float[] {0.2f, 0.4f, 0f, 0.2f}, x, "a smaller batch fills its first rows only");
        assertSame(x, assembler.floatExamples(), "the same arrays every batch");
    }

    @Test
    void oneHotRowsAreClearedBeforeEachFill() {
        BatchAssembler assembler = new BatchAssembler(IMAGES, 2, LabelFormat.ONE_HOT);
        assembler.fill(new Batch(new int[] {0, 1}, 0));
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, assembler.oneHot());
        assembler.fill(new Batch(new int[] {2, 2}, 1));
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0}, assembler.oneHot());
    }

    @Test
    void fillsIntExamplesForTokenSequences() {
        BatchAssembler assembler = new BatchAssembler(TOKENS, 2, LabelFormat.CLASS_IDS);
        assembler.fill(new Batch(new int[] {1, 2}, 0));
        assertArrayEquals(new int[] {1, 7, 8, 9, 9, 9}, assembler.intExamples());
        assertArrayEquals(new int[] {0, 1}, assembler.classIds());
    }

    @Test
    void theArraysOfAnotherKindAreNotThere() {
        BatchAssembler assembler = new BatchAssembler(TOKENS, 2, LabelFormat.CLASS_IDS);
        assertThrows(IllegalStateException.class, assembler::floatExamples);
        assertThrows(IllegalStateException.class, assembler::oneHot);
        assertThrows(IllegalArgumentException.class, () -> assembler.fill(new Batch(new int[] {0, 1, 2}, 0)));
    }
}
