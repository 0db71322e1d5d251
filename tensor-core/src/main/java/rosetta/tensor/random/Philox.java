package rosetta.tensor.random;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
 * counter-based generator. Block {@code counter} under {@code key} is a pure function, so any element of
 * a random stream can be computed independently: the CPU threads and the CUDA kernels produce the same
 * numbers for the same seed, whatever the thread count.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final int ROUNDS = 10;

    private Philox() {
    }

    /**
     * Encrypts the 128-bit counter (c0 lowest) under the 64-bit key and writes the four output words to
     * {@code out[0..3]}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        block(c0, c1, c2, c3, k0, k1, out, 0);
    }

    /** As {@link #block(int, int, int, int, int, int, int[])}, writing {@code out[offset .. offset + 3]}. */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int offset) {
        for (int round = 0; round < ROUNDS; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[offset] = c0;
        out[offset + 1] = c1;
        out[offset + 2] = c2;
        out[offset + 3] = c3;
    }

    /** A 32-bit word as a float uniform in [0, 1) with 24 random bits (exactly representable). */
    public static float uniformFloat(int word) {
        return (word >>> 8) * 0x1.0p-24f;
    }

    /** Two 32-bit words as a double uniform in [0, 1) with 53 random bits. */
    public static double uniformDouble(int high, int low) {
        long bits = ((long) (high >>> 5) << 26) | (low >>> 6);
        return bits * 0x1.0p-53;
    }
}
