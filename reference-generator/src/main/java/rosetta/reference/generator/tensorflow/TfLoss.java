package rosetta.reference.generator.tensorflow;

import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.op.nn.SoftmaxCrossEntropyWithLogits;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.cases.LossCase;

/**
 * TensorFlow's fused SoftmaxCrossEntropyWithLogits (one-hot labels) and
 * SparseSoftmaxCrossEntropyWithLogits (class indices) (tensorflow/core/kernels/xent_op.cc,
 * sparse_xent_op.cc). Both return the per-example loss and its gradient ("backprop"); the mean case
 * divides both by N as tf.reduce_mean and its gradient do, the sum case uses them as they are.
 */
final class TfLoss {
    private TfLoss() {
    }

    static void write(Consumer<Fixture> out) {
        for (LossCase c : LossCase.all()) {
            float[] logits = c.logits(TfGraph.FRAMEWORK);
            int[] labels = c.labels(TfGraph.FRAMEWORK);
            float[][] r;
            try (TfGraph g = new TfGraph()) {
                Operand<TFloat32> z = g.constant(logits, LossCase.N, LossCase.C);
                Operand<TFloat32> perExample;
                Operand<TFloat32> backprop;
                if (c.sparse()) {
                    SparseSoftmaxCrossEntropyWithLogits<TFloat32> op =
                            g.tf.nn.sparseSoftmaxCrossEntropyWithLogits(z, g.ints(labels));
                    perExample = op.loss();
                    backprop = op.backprop();
                } else {
                    SoftmaxCrossEntropyWithLogits<TFloat32> op = g.tf.nn.softmaxCrossEntropyWithLogits(z,
                            g.constant(LossCase.oneHot(labels), LossCase.N, LossCase.C));
                    perExample = op.loss();
                    backprop = op.backprop();
                }
                Operand<TFloat32> loss = c.mean() ? g.tf.math.mean(perExample, g.ints(0))
                        : g.tf.reduceSum(perExample, g.ints(0));
                Operand<TFloat32> dz = c.mean() ? g.tf.math.div(backprop, g.scalar(LossCase.N)) : backprop;
                r = g.fetch(loss, dz);
            }
            Fixture f = new Fixture(TfGraph.FRAMEWORK, TfGraph.version(), "softmax_cross_entropy", c.name(),
                    c.sparse() ? "SparseSoftmaxCrossEntropyWithLogits (tf.nn.sparse_softmax_cross_entropy_with_logits)"
                            : "SoftmaxCrossEntropyWithLogits (tf.nn.softmax_cross_entropy_with_logits)");
            c.describe(f, logits, labels).arg("form", "fused").tolerance(1e-6, 1e-5);
            out.accept(f.array("loss", new int[] {1}, r[0]).array("dlogits", new int[] {LossCase.N, LossCase.C}, r[1]));
        }
    }
}
