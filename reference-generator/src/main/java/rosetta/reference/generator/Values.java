package rosetta.reference.generator;

/**
 * The fixed inputs every fixture starts from. Each value is a multiple of 1/256 in [-1, 1): exact in
 * float32 and float64 alike, so a formula evaluated in double and a framework run in float32 see the
 * same numbers. The generator is SplitMix64 (Steele, Lea and Flood 2014), written out here so that the
 * values never depend on a library's random number generator.
 */
public final class Values {
    private long state;

    private Values(long seed) {
        this.state = seed;
    }

    /** A stream named by the fixture case it feeds, so adding a case never shifts another's numbers. */
    public static Values named(String name) {
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            seed = seed * 31 + name.charAt(i);
        }
        return new Values(seed);
    }

    private long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** An integer in [0, bound). */
    public int nextInt(int bound) {
        return (int) Long.remainderUnsigned(next(), bound);
    }

    /** {@code n} values k/256, k uniform in [-256, 256), times {@code scale} (a power of two keeps them exact). */
    public float[] uniform(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (nextInt(512) - 256) / 256f * scale;
        }
        return v;
    }

    public float[] uniform(int n) {
        return uniform(n, 1f);
    }

    /**
     * {@code n} distinct values spread over [-1, 1) in random order, multiples of a power of two so they
     * are exact in float32: max-pooling windows then have a single maximum, so no fixture depends on how
     * a framework breaks ties, and a pooled value reads back bit for bit.
     */
    public float[] distinct(int n) {
        int denominator = Integer.highestOneBit(Math.max(1, n - 1)) * 2;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2f * i - n) / denominator;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    /** {@code n} class indices in [0, classes). */
    public int[] labels(int n, int classes) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = nextInt(classes);
        }
        return v;
    }
}
