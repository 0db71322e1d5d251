package rosetta.tensor.ops;

/** Elementwise nonlinearities a backend runs as fused ops. */
public enum Activation {
    RELU, SIGMOID, TANH
}
