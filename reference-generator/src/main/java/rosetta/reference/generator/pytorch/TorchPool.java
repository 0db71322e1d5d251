package rosetta.reference.generator.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;
import rosetta.reference.generator.cases.PoolCase;

/**
 * torch max_pool2d forward and backward (autograd), NCHW, floor and {@code ceil_mode=True}. The
 * "default-stride" case leaves the stride to PyTorch ({@code nn.MaxPool2d(2)}: stride = kernel_size,
 * torch/nn/modules/pooling.py).
 */
final class TorchPool {
    private static final List<PoolCase> CASES = List.of(
            new PoolCase("nchw-k2-default-stride", true, 5, 5, 2, 2, false, false, false),
            new PoolCase("nchw-k2-s2-ceil", true, 5, 5, 2, 2, true, true, false),
            new PoolCase("nchw-k2-s1-floor", true, 5, 5, 2, 1, true, false, false),
            new PoolCase("nchw-k3-s2-ceil", true, 6, 6, 3, 2, true, true, false));

    private TorchPool() {
    }

    static void write(Torch torch, Consumer<Fixture> out) {
        for (PoolCase c : CASES) {
            out.accept(run(torch, c));
        }
    }

    private static Fixture run(Torch torch, PoolCase c) {
        Values v = Values.named("pytorch/maxpool2d-" + c.name());
        int[] in = c.inputShape();
        float[] x = v.distinct(in[0] * in[1] * in[2] * in[3]);
        int[] yShape = c.outputShape();
        float[] dy = v.uniform(yShape[0] * yShape[1] * yShape[2] * yShape[3]);

        NDArray tx = torch.variable(x, in);
        NDArray y;
        try (GradientCollector gc = torch.collector()) {
            y = Pool.maxPool2d(tx, new Shape(c.window(), c.window()), new Shape(c.stride(), c.stride()),
                    new Shape(0, 0), c.ceil());
            gc.backward(y.mul(torch.array(dy, yShape)).sum());
        }
        Fixture f = new Fixture(Torch.FRAMEWORK, torch.version(), "maxpool2d", c.name(),
                "torch.nn.functional.max_pool2d (aten::max_pool2d); gradient by autograd");
        c.describe(f).tolerance(0, 1e-6);
        return f.array("x", in, x)
                .array("dy", yShape, dy)
                .array("y", yShape, y.toFloatArray())
                .array("dx", in, tx.getGradient().toFloatArray());
    }
}
