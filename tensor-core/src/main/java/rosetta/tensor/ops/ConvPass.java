package rosetta.tensor.ops;

/** The three passes of a convolution, each with its own algorithm choice (as in cuDNN). */
public enum ConvPass {
    FORWARD, BACKWARD_DATA, BACKWARD_FILTER
}
