package rosetta.layers;

import rosetta.tensor.ops.Activation;

/**
 * max(0, x): the benchmark's only hidden nonlinearity, and the default {@code nonlinearity=rectify} of
 * Lasagne's Conv2DLayer and DenseLayer (lasagne/layers/conv.py, lasagne/layers/dense.py @5d3c63cb).
 */
public final class Relu extends ActivationLayer {

    public Relu(String name) {
        super(name, Activation.RELU);
    }
}
