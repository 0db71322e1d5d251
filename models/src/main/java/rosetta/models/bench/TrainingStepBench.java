package rosetta.models.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import rosetta.layers.Sequential;
import rosetta.layers.SoftmaxCrossEntropy;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.BuildContext;
import rosetta.models.spec.GruModel;
import rosetta.models.spec.ModelSpec;
import rosetta.models.spec.Task;
import rosetta.models.spec.Vgg;
import rosetta.models.train.Recipe;
import rosetta.optim.Optimizer;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.cpu.OpenBlasSgemm;
import rosetta.tensor.cpu.bench.Allocations;
import rosetta.tensor.cpu.bench.CpuBench;
import rosetta.tensor.cpu.bench.Timing;
import rosetta.tensor.random.RngStream;

/**
 * Whole training steps of the benchmark models, built from the real layers in a dialect: forward, loss,
 * backward and the optimiser's update on one batch already on the backend (the host copy is the data
 * pipeline's, not the step's). Each figure is a median after warm-up, as GFLOP/s counting the issue's
 * FLOP per step, and as a share of the same run's 2048^3 SGEMM. Not a test: it reports.
 */
public final class TrainingStepBench {
    /** FLOP of one VGG step at batch 64 and one GRU step at batch 64 over 150 tokens, as counted by the benchmark. */
    static final double VGG_FLOPS = 23.9e9;
    static final double GRU_FLOPS = 3.9e9;
    private static final int BATCH = 64;

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
        Dialect d = Dialect.builtIn(dialect).forModel(spec.name());
        Recipe recipe = Recipe.of(d, spec.task(), spec.defaults());
        try (Sequential model = spec.build(new BuildContext(cpu, DType.FLOAT32, d, RngStream.seeded(1)));
             SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(cpu, recipe.loss());
             Tensor x = input(cpu, spec.task());
             Tensor labels = labels(cpu, spec.task(), recipe.oneHotLabels())) {
            Optimizer optimizer = recipe.optimizer().create();
            Runnable step = () -> {
                Tensor logits = model.forward(x, true);
                loss.forward(logits, labels);
                model.backward(loss.backward());
                optimizer.step(model.parameters(), BATCH);
                cpu.synchronize();
            };
            Timing t = Timing.of(step, 3, runs);
            Allocations allocations = new Allocations();
            Allocations.Sample before = allocations.sample();
            for (int i = 0; i < runs; i++) {
                step.run();
            }
            Allocations.Sample after = allocations.sample();
            double gflops = t.gflops(flops);
            out.printf("%s training step (%s, batch %d, %.1f GFLOP counted): %s %7.1f GFLOP/s %5.0f%% of roofline%n",
                    spec.name(), dialect, BATCH, flops / 1e9, t.describe(), gflops, 100 * gflops / roofline);
            out.printf("  over %d warm steps: %d bytes allocated, %d garbage collections%n", runs,
                    allocations.between(before, after), after.collections() - before.collections());
            return t.median();
        }
    }

    private static Tensor input(CpuBackend cpu, Task task) {
        Shape example = task.exampleShape();
        if (task == Task.IMDB) {
            int[] ids = new int[BATCH * example.dim(0)];
            RngStream rng = RngStream.seeded(2);
            for (int i = 0; i < ids.length; i++) {
                ids[i] = rng.nextInt(30_000);
            }
            Tensor t = cpu.allocate(DType.INT32, Shape.of(BATCH, example.dim(0)));
            cpu.copyFromHost(ids, 0, t);
            return t;
        }
        Tensor t = cpu.allocate(DType.FLOAT32, Shape.of(BATCH, example.dim(0), example.dim(1), example.dim(2)));
        cpu.fillUniform(t, RngStream.seeded(2), 0, 1);
        return t;
    }

    private static Tensor labels(CpuBackend cpu, Task task, boolean oneHot) {
        RngStream rng = RngStream.seeded(3);
        if (oneHot) {
            float[] rows = new float[BATCH * task.classes()];
            for (int i = 0; i < BATCH; i++) {
                rows[i * task.classes() + rng.nextInt(task.classes())] = 1f;
            }
            Tensor t = cpu.allocate(DType.FLOAT32, Shape.of(BATCH, task.classes()));
            cpu.copyFromHost(rows, 0, t);
            return t;
        }
        int[] ids = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            ids[i] = rng.nextInt(task.classes());
        }
        Tensor t = cpu.allocate(DType.INT32, Shape.of(BATCH));
        cpu.copyFromHost(ids, 0, t);
        return t;
    }
}
