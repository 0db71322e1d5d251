package rosetta.reference.generator.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;

/**
 * torch dropout in training mode (a Bernoulli(1-p) mask scaled by 1/(1-p): inverted dropout) and in
 * evaluation mode (identity). The mask is PyTorch's own draw; a test can check that every output is 0
 * or x/(1-p), not that its own engine drops the same elements.
 */
final class TorchDropout {
    private TorchDropout() {
    }

    static void write(Torch torch, Consumer<Fixture> out) {
        for (float rate : new float[] {0.25f, 0.5f}) {
            String name = "rate" + (int) (rate * 100);
            Values v = Values.named("pytorch/dropout-" + name);
            int[] shape = {4, 32};
            float[] x = v.uniform(shape[0] * shape[1]);
            NDArray tx = torch.array(x, shape);
            torch.seed(2017);
            float[] train = Dropout.dropout(tx, rate, true).singletonOrThrow().toFloatArray();
            float[] eval = Dropout.dropout(tx, rate, false).singletonOrThrow().toFloatArray();
            out.accept(new Fixture(Torch.FRAMEWORK, torch.version(), "dropout", name,
                    "torch.nn.functional.dropout (aten::dropout), training=True and training=False")
                    .arg("rate", rate)
                    .tolerance(1e-7, 1e-6)
                    .array("x", shape, x)
                    .array("y_train", shape, train)
                    .array("y_eval", shape, eval));
        }
    }
}
