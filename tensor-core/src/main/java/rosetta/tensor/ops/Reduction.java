package rosetta.tensor.ops;

/** How per-example losses become one number: the batch mean (most frameworks) or sum (MXNet, CNTK). */
public enum Reduction {
    MEAN, SUM
}
