package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The grid sizes, which need no GPU: the reductions' partial-sum buffer is sized by the largest. */
class KernelsGridTest {
    private static final int MAX_BLOCKS = 32 * 132;

    @Test
    void oneBlockPerThreadsItemsRoundedUp() {
        assertEquals(1, Kernels.blocksFor(0, MAX_BLOCKS));
        assertEquals(1, Kernels.blocksFor(1, MAX_BLOCKS));
        assertEquals(1, Kernels.blocksFor(Kernels.THREADS, MAX_BLOCKS));
        assertEquals(2, Kernels.blocksFor(Kernels.THREADS + 1, MAX_BLOCKS));
        assertEquals(1172, Kernels.blocksFor(300_001, MAX_BLOCKS));
    }

    @Test
    void theLargestInputsGetTheWholeGridNotAnOverflowedOne() {
        assertEquals(MAX_BLOCKS, Kernels.blocksFor((long) MAX_BLOCKS * Kernels.THREADS + 1, MAX_BLOCKS));
        assertEquals(MAX_BLOCKS, Kernels.blocksFor(Long.MAX_VALUE - 1, MAX_BLOCKS));
        assertEquals(MAX_BLOCKS, Kernels.blocksFor(Long.MAX_VALUE, MAX_BLOCKS));
    }
}
