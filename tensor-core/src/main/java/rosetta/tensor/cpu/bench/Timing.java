package rosetta.tensor.cpu.bench;

import java.util.Arrays;

/** Wall-clock samples of a piece of work after warm-up: median and range, in milliseconds. */
public record Timing(double[] sortedMillis) {

    /** Runs {@code work} {@code warmup} times untimed, then {@code runs} times timed. */
    public static Timing of(Runnable work, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(ms);
    }

    public double median() {
        int n = sortedMillis.length;
        return n % 2 == 1 ? sortedMillis[n / 2] : (sortedMillis[n / 2 - 1] + sortedMillis[n / 2]) / 2;
    }

    public double min() {
        return sortedMillis[0];
    }

    public double max() {
        return sortedMillis[sortedMillis.length - 1];
    }

    /** GFLOP/s at the median time for {@code flops} floating-point operations per run. */
    public double gflops(double flops) {
        return flops / (median() * 1e6);
    }

    /** "12.3 ms (11.9-14.0)". */
    public String describe() {
        return String.format("%8.2f ms (%.2f-%.2f)", median(), min(), max());
    }
}
