package rosetta.reference.generator.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;
import rosetta.reference.generator.cases.ConvCase;

/**
 * torch conv2d forward and its three gradients (input, weight, bias) from autograd, in PyTorch's own
 * NCHW layout with symmetric integer padding (PyTorch has no SAME; TensorFlow's fixtures cover it).
 * The gradients are those of sum(y * dy), i.e. the backward pass for the upstream gradient dy.
 */
final class TorchConv {
    private static final List<ConvCase> CASES = List.of(
            ConvCase.explicit("nchw-pad0-stride1", true, 5, 1, 0),
            ConvCase.explicit("nchw-pad1-stride1", true, 5, 1, 1),
            ConvCase.explicit("nchw-pad0-stride2", true, 5, 2, 0),
            ConvCase.explicit("nchw-pad1-stride2", true, 5, 2, 1));

    private TorchConv() {
    }

    static void write(Torch torch, Consumer<Fixture> out) {
        for (ConvCase c : CASES) {
            out.accept(run(torch, c));
        }
    }

    private static Fixture run(Torch torch, ConvCase c) {
        Values v = Values.named("pytorch/conv2d-" + c.name());
        float[] x = v.uniform(ConvCase.N * ConvCase.C * c.height() * c.width());
        float[] w = v.uniform(ConvCase.K * ConvCase.C * c.kernel() * c.kernel(), 0.5f);
        float[] b = v.uniform(ConvCase.K, 0.5f);
        int[] yShape = c.outputShape();
        float[] dy = v.uniform(yShape[0] * yShape[1] * yShape[2] * yShape[3]);

        NDArray tx = torch.variable(x, c.inputShape());
        NDArray tw = torch.variable(w, c.weightShape());
        NDArray tb = torch.variable(b, ConvCase.K);
        NDArray y;
        try (GradientCollector gc = torch.collector()) {
            int p = c.padding()[0];
            y = Conv2d.conv2d(tx, tw, tb, new Shape(c.stride(), c.stride()), new Shape(p, p),
                    new Shape(1, 1), 1).singletonOrThrow();
            gc.backward(y.mul(torch.array(dy, yShape)).sum());
        }
        Fixture f = new Fixture(Torch.FRAMEWORK, torch.version(), "conv2d", c.name(),
                "torch.nn.functional.conv2d (aten::convolution); gradients by autograd");
        c.describe(f, false).tolerance(1e-5, 1e-4);
        return f.array("x", c.inputShape(), x)
                .array("weight", c.weightShape(), w)
                .array("bias", new int[] {ConvCase.K}, b)
                .array("dy", yShape, dy)
                .array("y", yShape, y.toFloatArray())
                .array("dx", c.inputShape(), tx.getGradient().toFloatArray())
                .array("dweight", c.weightShape(), tw.getGradient().toFloatArray())
                .array("dbias", new int[] {ConvCase.K}, tb.getGradient().toFloatArray());
    }
}
