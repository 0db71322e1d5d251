package rosetta.tensor.cpu;

/**
 * Scratch memory of one convolution pass: off-heap floats shared by all threads (e.g. transformed
 * weights) and per thread (operands a native GEMM reads in place), and per thread on the heap a flat array
 * plus a set of equal rows. The rows exist for the JIT: it vectorises a loop only when every array in it
 * is indexed from the same offset, so lane-parallel transforms keep each operand in a row of its own.
 */
record ConvScratch(long sharedFloats, long directFloatsPerThread, int heapFloatsPerThread, int rowsPerThread,
        int rowLength) {

    static final ConvScratch NONE = new ConvScratch(0, 0, 0, 0, 0);

    /** Flat memory only. */
    static ConvScratch of(long sharedFloats, long directFloatsPerThread, long heapFloatsPerThread) {
        return new ConvScratch(sharedFloats, directFloatsPerThread, Math.toIntExact(heapFloatsPerThread), 0, 0);
    }

    /** Memory in bytes on {@code threads} threads: what the policy's workspace limit is compared with. */
    long bytes(int threads) {
        long perThread = directFloatsPerThread + heapFloatsPerThread + (long) rowsPerThread * rowLength;
        return 4 * (sharedFloats + threads * perThread);
    }

    /** Enough for both: a plan's passes run one at a time and share its workspace. */
    ConvScratch union(ConvScratch o) {
        return new ConvScratch(Math.max(sharedFloats, o.sharedFloats),
                Math.max(directFloatsPerThread, o.directFloatsPerThread),
                Math.max(heapFloatsPerThread, o.heapFloatsPerThread), Math.max(rowsPerThread, o.rowsPerThread),
                Math.max(rowLength, o.rowLength));
    }
}
