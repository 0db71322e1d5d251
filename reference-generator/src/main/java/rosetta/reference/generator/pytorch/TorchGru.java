package rosetta.reference.generator.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;
import rosetta.reference.generator.cases.GruCase;

/**
 * torch's GRU (aten::gru, the kernel behind nn.GRU; batch_first=True, one layer): gates r, z, n in
 * that order, two bias sets, the reset gate applied after the recurrent matmul
 * (n = tanh(W_in x + b_in + r * (W_hn h + b_hn))), h' = (1 - z) * n + z * h. Gradients of sum(y * dy)
 * by autograd, for the input, the initial state and every weight.
 */
final class TorchGru {
    private TorchGru() {
    }

    static void write(Torch torch, Consumer<Fixture> out) {
        for (GruCase c : GruCase.all()) {
            out.accept(run(torch, c));
        }
    }

    private static Fixture run(Torch torch, GruCase c) {
        int n = GruCase.N;
        int h = GruCase.H;
        int i = GruCase.I;
        Values v = c.values(Torch.FRAMEWORK);
        float[] x = v.uniform(n * c.steps() * i);
        float[] h0 = v.uniform(n * h);
        float[] wih = v.uniform(3 * h * i, 0.5f);
        float[] whh = v.uniform(3 * h * h, 0.5f);
        float[] bih = v.uniform(3 * h, 0.5f);
        float[] bhh = v.uniform(3 * h, 0.5f);
        float[] dy = v.uniform(n * c.steps() * h);

        NDArray tx = torch.variable(x, c.inputShape());
        NDArray th0 = torch.variable(h0, 1, n, h);
        NDArray twih = torch.variable(wih, 3 * h, i);
        NDArray twhh = torch.variable(whh, 3 * h, h);
        NDArray tbih = torch.variable(bih, 3 * h);
        NDArray tbhh = torch.variable(bhh, 3 * h);
        NDArray y;
        try (GradientCollector gc = torch.collector()) {
            NDList result = tx.getNDArrayInternal().gru(tx, th0, new NDList(twih, twhh, tbih, tbhh), true, 1, 0,
                    true, false, true);
            y = result.get(0);
            gc.backward(y.mul(torch.array(dy, c.outputShape())).sum());
        }
        Fixture f = new Fixture(Torch.FRAMEWORK, torch.version(), "gru", c.name(),
                "aten::gru (torch.nn.GRU, batch_first=True); gradients by autograd");
        c.describe(f, "rzn", "after-matmul", 2, "old-state", "sigmoid").tolerance(1e-5, 1e-4);
        return f.array("x", c.inputShape(), x)
                .array("h0", GruCase.matrix(n, h), h0)
                .array("weight_ih", GruCase.matrix(3 * h, i), wih)
                .array("weight_hh", GruCase.matrix(3 * h, h), whh)
                .array("bias_ih", new int[] {3 * h}, bih)
                .array("bias_hh", new int[] {3 * h}, bhh)
                .array("dy", c.outputShape(), dy)
                .array("y", c.outputShape(), y.toFloatArray())
                .array("dx", c.inputShape(), tx.getGradient().toFloatArray())
                .array("dh0", GruCase.matrix(n, h), th0.getGradient().toFloatArray())
                .array("dweight_ih", GruCase.matrix(3 * h, i), twih.getGradient().toFloatArray())
                .array("dweight_hh", GruCase.matrix(3 * h, h), twhh.getGradient().toFloatArray())
                .array("dbias_ih", new int[] {3 * h}, tbih.getGradient().toFloatArray())
                .array("dbias_hh", new int[] {3 * h}, tbhh.getGradient().toFloatArray());
    }
}
