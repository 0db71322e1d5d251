package rosetta.models.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.GruModel;
import rosetta.models.spec.ModelSpec;
import rosetta.models.spec.Vgg;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.cpu.OpenBlasSgemm;
import rosetta.tensor.cpu.bench.Allocations;
import rosetta.tensor.cpu.bench.CpuBench;
import rosetta.tensor.cpu.bench.Timing;

/**
 * Whole training steps of the benchmark models ({@link TrainingStep}: the real layers in a dialect,
 * forward, loss, backward and the optimiser's update on one batch already on the backend). Each figure is
 * a median after warm-up, as GFLOP/s counting the FLOP per step, and as a share of the same run's
 * 2048^3 SGEMM. Not a test: it reports.
 */
public final class TrainingStepBench {
    /** FLOP of one VGG step at batch 64 and one GRU step at batch 64 over 150 tokens, as counted by the benchmark. */
    static final double VGG_FLOPS = 23.9e9;
    static final double GRU_FLOPS = 3.9e9;
    /**
     * Warm-up before a step is timed: at least this long and five steps. Three steps (the kernels' warm-up)
     * left a 45 ms GRU step timed while the JIT was still compiling its loops on the cores it shares.
     */
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final int runs;
    private final String dialect;

    public TrainingStepBench(PrintStream out, int runs, String dialect) {
        this.out = out;
        this.runs = runs;
        this.dialect = dialect;
    }

    /** Each model at each thread count, then the speed-up of the last thread count over the first. */
    public void run(List<Integer> threadCounts) {
        List<double[]> vgg = new ArrayList<>();
        for (int t : threadCounts) {
            try (CpuBackend cpu = new CpuBackend(OpenBlasSgemm::new, t)) {
                out.printf("%n== %s%n", cpu.description());
                double roofline = CpuBench.roofline(cpu, runs, out);
                vgg.add(new double[] {t, step(cpu, Vgg.benchmark(), VGG_FLOPS, roofline)});
                step(cpu, GruModel.benchmark(), GRU_FLOPS, roofline);
            }
        }
        for (double[] v : vgg) {
            out.printf("VGG training step on %d thread(s): %.1f ms, %.2fx the %d-thread speed%n", (int) v[0], v[1],
                    vgg.get(0)[1] / v[1], (int) vgg.get(0)[0]);
        }
        out.printf("peak resident memory of this run: %s%n", CpuBench.peakResident());
    }

    private double step(CpuBackend cpu, ModelSpec spec, double flops, double roofline) {
        try (TrainingStep step = new TrainingStep(cpu, spec, Dialect.builtIn(dialect).forModel(spec.name()), 1)) {
            long start = System.nanoTime();
            for (int i = 0; i < 5 || System.nanoTime() - start < WARM_UP_NANOS; i++) {
                step.run();
            }
            Timing t = Timing.of(step::run, 0, runs);
            Allocations allocations = new Allocations();
            long[] perStep = new long[runs];
            long collections = allocations.sample().collections();
            for (int i = 0; i < runs; i++) {
                Allocations.Sample before = allocations.sample();
                step.run();
                perStep[i] = allocations.between(before, allocations.sample());
            }
            collections = allocations.sample().collections() - collections;
            double gflops = t.gflops(flops);
            out.printf("%s training step (%s, batch %d, %.1f GFLOP counted): %s %7.1f GFLOP/s %5.0f%% of roofline%n",
                    spec.name(), dialect, TrainingStep.BATCH, flops / 1e9, t.describe(), gflops,
                    100 * gflops / roofline);
            long total = Arrays.stream(perStep).sum();
            Arrays.sort(perStep);
            // the median is the steady state; a few hundred bytes in a single step are the JVM's own, as it
            // swaps in freshly compiled code
            out.printf("  over %d warm steps: %d bytes allocated per step (median), %d in all; %d garbage"
                    + " collections%n", runs, perStep[runs / 2], total, collections);
            return t.median();
        }
    }
}
