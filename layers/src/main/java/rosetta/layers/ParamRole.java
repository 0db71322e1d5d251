package rosetta.layers;

/** What a parameter is for: initialisers and weight-decay scopes are chosen by role. */
public enum ParamRole {
    /** Convolution kernels and dense matrices. */
    WEIGHT,
    /** Additive biases (excluded from weight decay by MXNet Module, Caffe2 and Lasagne). */
    BIAS,
    /** Embedding tables. */
    EMBEDDING,
    /** Recurrent (hidden-to-hidden) matrices. */
    RECURRENT_WEIGHT,
    /** A learnt initial state of a recurrent layer. */
    INITIAL_STATE
}
