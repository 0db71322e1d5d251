package rosetta.datasets.batching;

/** How a batch's labels are handed to the loss. */
public enum LabelFormat {
    /** One int class id per example (sparse labels: PyTorch, MXNet, Caffe2, TF sparse CE). */
    CLASS_IDS,
    /** A float row per example, 1 at the class and 0 elsewhere (CNTK, Keras categorical CE). */
    ONE_HOT
}
