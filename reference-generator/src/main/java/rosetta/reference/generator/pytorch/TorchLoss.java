package rosetta.reference.generator.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.cases.LossCase;

/**
 * torch cross-entropy as {@code F.cross_entropy} computes it, {@code nll_loss(log_softmax(logits))}
 * (torch/nn/functional.py): log_softmax, the label's entry picked (sparse) or weighted by the one-hot
 * row, negated, then mean (reduction='mean', the default) or sum. Gradient by autograd.
 */
final class TorchLoss {
    private TorchLoss() {
    }

    static void write(Torch torch, Consumer<Fixture> out) {
        for (LossCase c : LossCase.all()) {
            float[] logits = c.logits(Torch.FRAMEWORK);
            int[] labels = c.labels(Torch.FRAMEWORK);
            NDArray z = torch.variable(logits, LossCase.N, LossCase.C);
            NDArray loss;
            try (GradientCollector gc = torch.collector()) {
                NDArray logp = z.logSoftmax(1);
                NDArray picked = c.sparse()
                        ? logp.gather(torch.ints(labels, LossCase.N, 1).toType(ai.djl.ndarray.types.DataType.INT64,
                                false), 1)
                        : logp.mul(torch.array(LossCase.oneHot(labels), LossCase.N, LossCase.C)).sum(new int[] {1});
                NDArray perExample = picked.neg();
                loss = c.mean() ? perExample.mean() : perExample.sum();
                gc.backward(loss);
            }
            Fixture f = new Fixture(Torch.FRAMEWORK, torch.version(), "softmax_cross_entropy", c.name(),
                    "torch.nn.functional.cross_entropy = nll_loss(log_softmax(x)); gradient by autograd");
            c.describe(f, logits, labels).arg("form", "fused").tolerance(1e-6, 1e-5);
            out.accept(f.array("loss", new int[] {1}, new float[] {loss.toFloatArray()[0]})
                    .array("dlogits", new int[] {LossCase.N, LossCase.C}, z.getGradient().toFloatArray()));
        }
    }
}
