package rosetta.tensor.cpu;

/**
 * Scratch memory of one convolution pass: off-heap floats shared by all threads (e.g. transformed
 * weights) and per thread (operands a native GEMM reads in place), and heap floats per thread (where the
 * JIT can vectorise the loops that prepare those operands).
 */
record ConvScratch(long sharedFloats, long directFloatsPerThread, long heapFloatsPerThread) {

    static final ConvScratch NONE = new ConvScratch(0, 0, 0);

    /** Memory in bytes on {@code threads} threads: what the policy's workspace limit is compared with. */
    long bytes(int threads) {
        return 4 * (sharedFloats + threads * (directFloatsPerThread + heapFloatsPerThread));
    }

    /** Enough for both: a plan's passes run one at a time and share its workspace. */
    ConvScratch union(ConvScratch other) {
        return new ConvScratch(Math.max(sharedFloats, other.sharedFloats),
                Math.max(directFloatsPerThread, other.directFloatsPerThread),
                Math.max(heapFloatsPerThread, other.heapFloatsPerThread));
    }
}
