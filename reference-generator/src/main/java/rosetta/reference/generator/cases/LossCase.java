package rosetta.reference.generator.cases;

import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;

/**
 * Softmax cross-entropy inputs: N=4 examples over C=5 classes, logits in [-4, 4), labels given as
 * class indices ({@code sparse}) or one-hot rows, the per-example losses averaged or summed.
 */
public record LossCase(String name, boolean sparse, boolean mean) {
    public static final int N = 4;
    public static final int C = 5;

    public static LossCase[] all() {
        return new LossCase[] {
            new LossCase("sparse-mean", true, true), new LossCase("sparse-sum", true, false),
            new LossCase("onehot-mean", false, true), new LossCase("onehot-sum", false, false)};
    }

    public float[] logits(String framework) {
        return Values.named(framework + "/softmax_cross_entropy-" + name).uniform(N * C, 4f);
    }

    public int[] labels(String framework) {
        return Values.named(framework + "/softmax_cross_entropy-labels-" + name).labels(N, C);
    }

    public static float[] oneHot(int[] labels) {
        float[] m = new float[labels.length * C];
        for (int i = 0; i < labels.length; i++) {
            m[i * C + labels[i]] = 1f;
        }
        return m;
    }

    /** The arguments and the inputs every loss fixture states; labels as the framework was given them. */
    public Fixture describe(Fixture f, float[] logits, int[] labels) {
        f.arg("labels", sparse ? "sparse" : "one-hot").arg("reduction", mean ? "mean" : "sum")
                .array("logits", new int[] {N, C}, logits);
        return sparse ? f.array("labels", new int[] {N}, labels) : f.array("labels", new int[] {N, C}, oneHot(labels));
    }
}
