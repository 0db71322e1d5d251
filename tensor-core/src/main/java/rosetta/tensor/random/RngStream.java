package rosetta.tensor.random;

/**
 * One stream of random numbers: a Philox key plus a position. {@link #split} derives an independent
 * child stream (initialisers, dropout layers and shuffling each get their own), so adding a consumer
 * never shifts another one's numbers. Bulk draws ({@link #reserve}) hand a range of counter blocks to a
 * backend, which computes element {@code i} from block {@code start + i / 4}, word {@code i % 4}.
 *
 * <p>Not thread-safe: one owner draws from a stream; threads get disjoint reserved ranges.
 */
public final class RngStream {
    private final int k0;
    private final int k1;
    private long position;
    private final int[] block = new int[4];
    private int used = 4;

    private RngStream(long key) {
        this.k0 = (int) key;
        this.k1 = (int) (key >>> 32);
    }

    /** The root stream of a run. */
    public static RngStream seeded(long seed) {
        return new RngStream(mix(seed));
    }

    /** An independent stream named by {@code childId}; the same parent and id always give the same stream. */
    public RngStream split(long childId) {
        long key = ((long) k1 << 32) | (k0 & 0xFFFFFFFFL);
        return new RngStream(mix(key ^ mix(childId + 0x632BE59BD9B4E019L)));
    }

    /** An independent stream named by a string (e.g. a parameter's name). */
    public RngStream split(String childName) {
        long h = 1125899906842597L;
        for (int i = 0; i < childName.length(); i++) {
            h = 31 * h + childName.charAt(i);
        }
        return split(h);
    }

    public int key0() {
        return k0;
    }

    public int key1() {
        return k1;
    }

    /**
     * Reserves {@code blocks} counter blocks for a bulk draw and returns the first one's counter. The
     * caller computes the words with {@link Philox#block}(counter low, counter high, 0, 0, key0, key1).
     */
    public long reserve(long blocks) {
        used = 4;
        long start = position;
        position += blocks;
        return start;
    }

    /** Counter blocks consumed so far: with the key, the whole state of the stream (checkpoints save it). */
    public long position() {
        return position;
    }

    /** Continues the stream from a saved {@link #position()}. */
    public void seek(long savedPosition) {
        position = savedPosition;
        used = 4;
    }

    /** Blocks needed to draw {@code n} 32-bit words. */
    public static long blocksFor(long words) {
        return (words + 3) / 4;
    }

    public int nextInt() {
        if (used == 4) {
            long c = position++;
            Philox.block((int) c, (int) (c >>> 32), 0, 0, k0, k1, block);
            used = 0;
        }
        return block[used++];
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            long r = nextInt() & 0xFFFFFFFFL;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        int hi = nextInt();
        int lo = nextInt();
        return Philox.uniformDouble(hi, lo);
    }

    /** Standard normal by Box-Muller (one of the pair; simple and reproducible). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Fisher-Yates shuffle of {@code order} in place. */
    public void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** SplitMix64's finaliser: turns a seed or an id into a well-mixed 64-bit key. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
