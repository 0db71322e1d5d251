package rosetta.cuda.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rosetta.cuda.CudaBackend;
import rosetta.cuda.CudaBackendProvider;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Resources;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPlan;
import rosetta.tensor.ops.Padding;

/**
 * Times the convolution passes and dense GEMMs of the benchmark's VGG (reference/benchmark.md §3, batch
 * 64) on the GPU under each algorithm policy, with and without TF32: the median of 7 runs of 50 steps
 * after warm-up, each step being forward, backward data (not for the first layer, which has no input
 * gradient to pass on) and backward filter of every layer. The product with 781 steps is the part of
 * an epoch's training loop these layers cost. Run by scripts/gpu-check.sh; a benchmark, never a test.
 */
public final class CudaConvBenchmark {
    private static final int BATCH = 64;
    private static final int STEPS_PER_EPOCH = 781;

    private CudaConvBenchmark() {
    }

    public static void main(String[] args) {
        String reason = CudaBackendProvider.probe();
        if (reason != null) {
            System.out.println("CUDA unavailable: " + reason);
            System.exit(2);
        }
        List<ConvGeometry> layers = List.of(
                geometry(3, 50, 32), geometry(50, 50, 32), geometry(50, 100, 16), geometry(100, 100, 16));
        List<AlgorithmPolicy> policies = List.of(
                AlgorithmPolicy.defaults(),
                new AlgorithmPolicy(AlgorithmPolicy.Search.EXHAUSTIVE, true, AlgorithmPolicy.defaults().workspaceLimitBytes()),
                new AlgorithmPolicy(AlgorithmPolicy.Search.EXHAUSTIVE, true, 64L << 20),
                new AlgorithmPolicy(AlgorithmPolicy.Search.EXHAUSTIVE, false, 64L << 20));
        for (boolean tf32 : new boolean[] {false, true}) {
            try (CudaBackend gpu = CudaBackendProvider.open(tf32)) {
                System.out.println(gpu.description());
                for (AlgorithmPolicy policy : policies) {
                    run(gpu, layers, policy);
                }
            }
        }
    }

    private static ConvGeometry geometry(int in, int out, int size) {
        return ConvGeometry.of(Layout.NCHW, Shape.of(BATCH, in, size, size), out, 3, 3, 1, 1, Padding.symmetric(1), false);
    }

    private static void run(CudaBackend gpu, List<ConvGeometry> layers, AlgorithmPolicy policy) {
        try (Resources owned = new Resources()) {
            List<ConvPlan> plans = new ArrayList<>();
            List<Tensor[]> tensors = new ArrayList<>();
            for (ConvGeometry g : layers) {
                plans.add(owned.own(gpu.ops().conv().plan(g, DType.FLOAT32, policy)));
                tensors.add(new Tensor[] {owned.own(gpu.allocate(g.inputShape())),
                    owned.own(gpu.allocate(g.weightShape())), owned.own(gpu.allocate(g.outputShape())),
                    owned.own(gpu.allocate(g.inputShape())), owned.own(gpu.allocate(g.weightShape()))});
            }
            Tensor flat = owned.own(gpu.allocate(Shape.of(BATCH, 6400)));
            Tensor w1 = owned.own(gpu.allocate(Shape.of(6400, 512)));
            Tensor h = owned.own(gpu.allocate(Shape.of(BATCH, 512)));
            Runnable step = () -> {
                for (int i = 0; i < layers.size(); i++) {
                    Tensor[] t = tensors.get(i);
                    gpu.ops().conv().forward(plans.get(i), t[0], t[1], null, t[2]);
                    if (i > 0) {
                        gpu.ops().conv().backwardData(plans.get(i), t[2], t[1], t[3]);
                    }
                    gpu.ops().conv().backwardFilter(plans.get(i), t[0], t[2], t[4]);
                }
                gpu.gemm(false, false, 1, flat, w1, 0, h);
                gpu.gemm(true, false, 1, flat, h, 0, w1);
                gpu.gemm(false, true, 1, h, w1, 0, flat);
            };
            for (int i = 0; i < 20; i++) {
                step.run();
            }
            gpu.synchronize();
            double[] ms = new double[7];
            for (int r = 0; r < ms.length; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    step.run();
                }
                gpu.synchronize();
                ms[r] = (System.nanoTime() - start) / 1e6 / 50;
            }
            Arrays.sort(ms);
            double median = ms[ms.length / 2];
            System.out.printf("%-60s %7.3f ms/step  %6.2f s/epoch  %s%n", policy, median,
                    median * STEPS_PER_EPOCH / 1000, plans.stream().map(p -> p.algorithms().toString()).toList());
        }
    }
}
