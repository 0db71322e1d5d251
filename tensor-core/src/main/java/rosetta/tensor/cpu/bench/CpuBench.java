package rosetta.tensor.cpu.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.BlockedSgemm;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.cpu.CpuConvAlgorithms;
import rosetta.tensor.cpu.OpenBlasSgemm;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolPlan;
import rosetta.tensor.random.RngStream;

/**
 * Benchmarks of the CPU backend's kernels, at each thread count asked for: the 2048^3 SGEMM roofline of
 * each GEMM kernel; every convolution algorithm on each convolution of the benchmark VGG (batch 64), pass
 * by pass; a whole VGG training step built from the ops ({@link VggStep}), with the bytes it allocates and
 * the collections it triggers once warm; and where the ReLU around the first pool costs least. Times are
 * medians over several runs after warm-up, with their range, as GFLOP/s and as a fraction of the same
 * run's SGEMM roofline. Not a test: it never fails, it reports.
 *
 * <pre>java -cp ... rosetta.tensor.cpu.bench.CpuBench [--threads=1,2] [--runs=7] [--layout=NCHW]
 *     [--sections=roofline,conv,step,relu]</pre>
 */
public final class CpuBench {
    private static final int GEMM_SIZE = 2048;
    private static final int BATCH = 64;

    private final PrintStream out;
    private final List<Integer> threads;
    private final int runs;
    private final Layout layout;
    private final List<String> sections;

    public CpuBench(PrintStream out, List<Integer> threads, int runs, Layout layout, List<String> sections) {
        this.out = out;
        this.threads = threads;
        this.runs = runs;
        this.layout = layout;
        this.sections = sections;
    }

    public static void main(String[] args) {
        List<Integer> threads = List.of(1, Runtime.getRuntime().availableProcessors());
        int runs = 7;
        Layout layout = Layout.NCHW;
        List<String> sections = List.of("roofline", "conv", "step", "relu");
        for (String arg : args) {
            if (arg.startsWith("--threads=")) {
                threads = new ArrayList<>();
                for (String t : arg.substring("--threads=".length()).split(",")) {
                    threads.add(Integer.parseInt(t.trim()));
                }
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring("--runs=".length()));
            } else if (arg.startsWith("--layout=")) {
                layout = Layout.valueOf(arg.substring("--layout=".length()).toUpperCase());
            } else if (arg.startsWith("--sections=")) {
                sections = List.of(arg.substring("--sections=".length()).split(","));
            } else {
                System.err.println("unknown option " + arg + "; options: --threads=1,2 --runs=7 --layout=NCHW|NHWC"
                        + " --sections=roofline,conv,step,relu");
                System.exit(2);
            }
        }
        new CpuBench(System.out, List.copyOf(threads), runs, layout, sections).run();
    }

    public void run() {
        out.printf("Rosetta CPU benchmark: %d cores, %s %s, medians of %d runs after warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), runs);
        List<double[]> steps = new ArrayList<>();
        for (int t : threads) {
            try (CpuBackend cpu = new CpuBackend(OpenBlasSgemm::new, t)) {
                out.printf("%n== %s%n", cpu.description());
                double roofline = sgemm(cpu);
                if (sections.contains("roofline")) {
                    try (CpuBackend java = new CpuBackend(BlockedSgemm::new, t)) {
                        sgemm(java);
                    }
                }
                if (sections.contains("conv")) {
                    convLayers(cpu, roofline);
                }
                if (sections.contains("step")) {
                    steps.add(new double[] {t, vggStep(cpu, roofline)});
                }
                if (sections.contains("relu")) {
                    reluPlacement(cpu);
                }
            }
        }
        for (double[] s : steps) {
            out.printf("VGG step on %d thread(s): %.1f ms, %.2fx the first thread count's speed%n", (int) s[0], s[1],
                    steps.get(0)[1] / s[1]);
        }
        out.printf("peak resident memory of this run: %s%n", peakResident());
    }

    /**
     * Median time of a VGG training step, and what the warm steps allocate (on the calling thread and the
     * backend's workers) and how many collections they trigger.
     */
    private double vggStep(CpuBackend cpu, double roofline) {
        try (VggStep step = new VggStep(cpu)) {
            Allocations allocations = new Allocations();
            Timing t = Timing.of(step::step, 3, runs);
            Allocations.Sample before = allocations.sample();
            for (int i = 0; i < runs; i++) {
                step.step();
            }
            Allocations.Sample after = allocations.sample();
            double gflops = t.gflops(VggStep.FLOPS);
            out.printf("%nVGG training step (batch %d, %.1f GFLOP counted): %s %7.1f GFLOP/s %5.0f%% of roofline%n",
                    VggStep.BATCH, VggStep.FLOPS / 1e9, t.describe(), gflops, 100 * gflops / roofline);
            out.printf("  algorithms per conv layer: %s%n", step.algorithms());
            out.printf("  over %d warm steps: %d bytes allocated, %d garbage collections%n", runs,
                    allocations.between(before, after), after.collections() - before.collections());
            return t.median();
        }
    }

    /**
     * The ReLU around the first pool of the VGG, three ways, forward and backward together: after the pool
     * (on a quarter of the elements), before it as its own op, and before it fused into the convolution's
     * epilogue (timed as the epilogue's extra cost plus the pool and the ReLU's backward).
     */
    private void reluPlacement(CpuBackend cpu) {
        ConvGeometry g = vggConvolutions(Layout.NCHW).get(1);
        PoolGeometry pg = PoolGeometry.of(Layout.NCHW, g.outputShape(), 2, 2, 2, 2, Padding.none(), false);
        try (ConvPlan plan = cpu.ops().conv().plan(g, DType.FLOAT32, AlgorithmPolicy.defaults());
             PoolPlan pool = cpu.ops().pool().plan(pg, DType.FLOAT32);
             Tensor x = uniform(cpu, g.inputShape(), 30);
             Tensor w = uniform(cpu, g.weightShape(), 31);
             Tensor bias = uniform(cpu, g.biasShape(), 32);
             Tensor z = uniform(cpu, g.outputShape(), 33);
             Tensor r = cpu.allocate(g.outputShape());
             Tensor p = cpu.allocate(pg.outputShape());
             Tensor dp = uniform(cpu, pg.outputShape(), 34);
             Tensor dr = cpu.allocate(pg.outputShape());
             Tensor dz = cpu.allocate(g.outputShape())) {
            Timing after = Timing.of(() -> {
                cpu.ops().pool().forward(pool, z, p);
                cpu.ops().activation().forward(Activation.RELU, p, p);
                cpu.ops().activation().backward(Activation.RELU, p, dp, dr);
                cpu.ops().pool().backward(pool, z, p, dr, dz);
            }, 3, runs);
            Timing before = Timing.of(() -> {
                cpu.ops().activation().forward(Activation.RELU, z, r);
                cpu.ops().pool().forward(pool, r, p);
                cpu.ops().pool().backward(pool, r, p, dp, dz);
                cpu.ops().activation().backward(Activation.RELU, r, dz, dz);
            }, 3, runs);
            Timing convBias = Timing.of(() -> cpu.ops().conv().forward(plan, x, w, bias, null, r), 2, runs);
            Timing convBiasRelu = Timing.of(() -> cpu.ops().conv().forward(plan, x, w, bias, Activation.RELU, r), 2,
                    runs);
            Timing poolAndBackward = Timing.of(() -> {
                cpu.ops().pool().forward(pool, r, p);
                cpu.ops().pool().backward(pool, r, p, dp, dz);
                cpu.ops().activation().backward(Activation.RELU, r, dz, dz);
            }, 3, runs);
            double fused = convBiasRelu.median() - convBias.median() + poolAndBackward.median();
            out.printf("%nReLU around the first pool (64x50x32x32 -> 16x16), forward + backward:%n");
            out.printf("  after the pool            %s%n", after.describe());
            out.printf("  before, as its own op     %s%n", before.describe());
            out.printf("  before, fused in the conv %8.2f ms (epilogue %.2f ms + pool and ReLU backward %.2f ms)%n",
                    fused, convBiasRelu.median() - convBias.median(), poolAndBackward.median());
        }
    }

    /** VmHWM from /proc/self/status: the most resident memory this process has had. */
    public static String peakResident() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring("VmHWM:".length()).trim();
                }
            }
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown on this system";
    }

    private double sgemm(CpuBackend cpu) {
        return roofline(cpu, runs, out);
    }

    /**
     * GFLOP/s of one 2048^3 SGEMM through {@link CpuBackend#gemm} (median of {@code runs}), printed: the
     * roofline a benchmark's figures are read against.
     */
    public static double roofline(CpuBackend cpu, int runs, PrintStream out) {
        Shape square = Shape.of(GEMM_SIZE, GEMM_SIZE);
        try (Tensor a = uniform(cpu, square, 1);
             Tensor b = uniform(cpu, square, 2);
             Tensor c = cpu.allocate(square)) {
            Timing t = Timing.of(() -> cpu.gemm(false, false, 1, a, b, 0, c), 2, runs);
            double gflops = t.gflops(2.0 * GEMM_SIZE * GEMM_SIZE * GEMM_SIZE);
            out.printf("sgemm %d^3 %-13s %s %7.1f GFLOP/s%n", GEMM_SIZE, cpu.sgemmName(), t.describe(), gflops);
            return gflops;
        }
    }

    /** Each convolution of the benchmark VGG, each pass, each algorithm that supports it. */
    private void convLayers(CpuBackend cpu, double roofline) {
        out.printf("%-30s %-16s %-12s %-26s %9s %9s%n", "layer (batch " + BATCH + ", " + layout + ")", "pass",
                "algorithm", "median ms (range)", "GFLOP/s", "roofline");
        for (ConvGeometry g : vggConvolutions(layout)) {
            String layer = g.inChannels() + "->" + g.outChannels() + " " + g.inHeight() + "x" + g.inWidth();
            for (ConvPass pass : ConvPass.values()) {
                for (String name : CpuConvAlgorithms.names()) {
                    if (!CpuConvAlgorithms.supports(name, g, pass)) {
                        continue;
                    }
                    Timing t = timePass(cpu, g, pass, name);
                    double gflops = t.gflops(g.forwardFlops());
                    out.printf("%-30s %-16s %-12s %-26s %9.1f %8.0f%%%n", layer, pass, name, t.describe(), gflops,
                            100 * gflops / roofline);
                }
            }
        }
    }

    private Timing timePass(CpuBackend cpu, ConvGeometry g, ConvPass pass, String name) {
        try (ConvPlan plan = CpuConvAlgorithms.plan(cpu, g, name);
             Tensor x = uniform(cpu, g.inputShape(), 3);
             Tensor w = uniform(cpu, g.weightShape(), 4);
             Tensor bias = uniform(cpu, g.biasShape(), 5);
             Tensor y = uniform(cpu, g.outputShape(), 6)) {
            Runnable work = switch (pass) {
                case FORWARD -> () -> cpu.ops().conv().forward(plan, x, w, bias, y);
                case BACKWARD_DATA -> () -> cpu.ops().conv().backwardData(plan, y, w, x);
                case BACKWARD_FILTER -> () -> cpu.ops().conv().backwardFilter(plan, x, y, w);
            };
            return Timing.of(work, 5, runs);
        }
    }

    /** The four convolutions of the benchmark's VGG-style network (reference/benchmark.md), 3x3, pad 1. */
    static List<ConvGeometry> vggConvolutions(Layout layout) {
        int[][] layers = {{3, 50, 32}, {50, 50, 32}, {50, 100, 16}, {100, 100, 16}};
        List<ConvGeometry> out = new ArrayList<>();
        for (int[] l : layers) {
            out.add(ConvGeometry.of(layout, layout.shape(BATCH, l[0], l[2], l[2]), l[1], 3, 3, 1, 1,
                    Padding.symmetric(1), false));
        }
        return out;
    }

    static Tensor uniform(CpuBackend cpu, Shape shape, long seed) {
        Tensor t = cpu.allocate(DType.FLOAT32, shape);
        cpu.fillUniform(t, RngStream.seeded(seed), -1, 1);
        return t;
    }
}
