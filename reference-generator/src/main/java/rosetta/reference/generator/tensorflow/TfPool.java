package rosetta.reference.generator.tensorflow;

import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;
import rosetta.reference.generator.cases.PoolCase;

/**
 * TensorFlow's MaxPool and MaxPoolGrad (tensorflow/core/kernels/maxpooling_op.cc), NHWC (the only
 * layout its CPU kernel takes), VALID (floor) and SAME (ceil(n/s) outputs, the odd padding after;
 * padded positions never win). TensorFlow has no default stride: every case gives it.
 */
final class TfPool {
    private static final List<PoolCase> CASES = List.of(
            new PoolCase("nhwc-k2-s2-valid", false, 5, 5, 2, 2, true, false, false),
            new PoolCase("nhwc-k2-s1-valid", false, 5, 5, 2, 1, true, false, false),
            new PoolCase("nhwc-k2-s2-same", false, 5, 5, 2, 2, true, false, true),
            new PoolCase("nhwc-k3-s2-same", false, 6, 5, 3, 2, true, false, true));

    private TfPool() {
    }

    static void write(Consumer<Fixture> out) {
        for (PoolCase c : CASES) {
            out.accept(run(c));
        }
    }

    private static Fixture run(PoolCase c) {
        Values v = Values.named("tensorflow/maxpool2d-" + c.name());
        int[] in = c.inputShape();
        int[] yShape = c.outputShape();
        float[] x = v.distinct(in[0] * in[1] * in[2] * in[3]);
        float[] dy = v.uniform(yShape[0] * yShape[1] * yShape[2] * yShape[3]);
        float[][] r;
        try (TfGraph g = new TfGraph()) {
            Operand<TFloat32> tx = g.constant(x, in);
            var ksize = g.ints(1, c.window(), c.window(), 1);
            var strides = g.ints(1, c.stride(), c.stride(), 1);
            String padding = c.same() ? "SAME" : "VALID";
            Operand<TFloat32> y = g.tf.nn.maxPool(tx, ksize, strides, padding);
            Operand<TFloat32> dx = g.tf.nn.maxPoolGrad(tx, y, g.constant(dy, yShape), ksize, strides, padding);
            r = g.fetch(y, dx);
        }
        Fixture f = new Fixture(TfGraph.FRAMEWORK, TfGraph.version(), "maxpool2d", c.name(),
                "MaxPool and MaxPoolGrad (tensorflow/core/kernels/maxpooling_op.cc)");
        c.describe(f).tolerance(0, 1e-6);
        return f.array("x", in, x).array("dy", yShape, dy).array("y", yShape, r[0]).array("dx", in, r[1]);
    }
}
