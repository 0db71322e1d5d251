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
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.random.RngStream;

/**
 * Benchmarks of the CPU backend's kernels: the 2048^3 SGEMM roofline of each GEMM kernel, then every
 * convolution algorithm on each convolution of the benchmark VGG (batch 64), pass by pass, as median
 * milliseconds over several runs after warm-up, GFLOP/s and the fraction of the same run's SGEMM
 * roofline, at each thread count asked for. Not a test: it never fails, it reports.
 *
 * <pre>java -cp ... rosetta.tensor.cpu.bench.CpuBench [--threads=1,2] [--runs=7] [--layout=NCHW] [--quick]</pre>
 */
public final class CpuBench {
    private static final int GEMM_SIZE = 2048;
    private static final int BATCH = 64;

    private final PrintStream out;
    private final List<Integer> threads;
    private final int runs;
    private final Layout layout;

    CpuBench(PrintStream out, List<Integer> threads, int runs, Layout layout) {
        this.out = out;
        this.threads = threads;
        this.runs = runs;
        this.layout = layout;
    }

    public static void main(String[] args) {
        List<Integer> threads = List.of(1, Runtime.getRuntime().availableProcessors());
        int runs = 7;
        Layout layout = Layout.NCHW;
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
            } else {
                System.err.println("unknown option " + arg + "; options: --threads=1,2 --runs=7 --layout=NCHW|NHWC");
                System.exit(2);
            }
        }
        new CpuBench(System.out, List.copyOf(threads), runs, layout).run();
    }

    void run() {
        out.printf("Rosetta CPU benchmark: %d cores, %s, %s, medians of %d runs after warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), runs);
        for (int t : threads) {
            try (CpuBackend cpu = new CpuBackend(OpenBlasSgemm::new, t)) {
                out.printf("%n== %s%n", cpu.description());
                double roofline = sgemm(cpu);
                try (CpuBackend java = new CpuBackend(BlockedSgemm::new, t)) {
                    sgemm(java);
                }
                convLayers(cpu, roofline);
            }
        }
    }

    /** GFLOP/s of one 2048^3 SGEMM through {@link CpuBackend#gemm}: the roofline the layers are compared with. */
    private double sgemm(CpuBackend cpu) {
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
                case FORWARD -> () -> cpu.conv().forward(plan, x, w, bias, y);
                case BACKWARD_DATA -> () -> cpu.conv().backwardData(plan, y, w, x);
                case BACKWARD_FILTER -> () -> cpu.conv().backwardFilter(plan, x, y, w);
            };
            return Timing.of(work, 2, runs);
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
