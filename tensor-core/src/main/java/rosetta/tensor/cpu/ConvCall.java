package rosetta.tensor.cpu;

import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.ConvGeometry;

/**
 * The pass a convolution plan is running: its geometry, scratch memory and tensors. A plan keeps one and
 * rebinds it for every pass, so handing a pass to the worker threads allocates nothing. Tensors a pass
 * does not use are null.
 */
final class ConvCall {
    final ConvGeometry g;
    /** The forward convolution that computes this one's dx ({@link ConvWeights#transposed}), or null. */
    final ConvGeometry transposed;
    final ConvWorkspace ws;
    /** Input: forward and backward-filter. */
    Tensor x;
    /** Weights: forward and backward-data. */
    Tensor weight;
    /** Output gradient: backward passes. */
    Tensor dy;
    /** What the pass writes: y, dx or dWeight. */
    Tensor out;
    /** Forward epilogue: bias per output channel, then the activation; null for none. */
    Tensor bias;
    Activation activation;

    ConvCall(ConvGeometry g, ConvWorkspace ws) {
        this.g = g;
        this.transposed = ConvWeights.transposed(g);
        this.ws = ws;
    }

    ConvCall forward(Tensor x, Tensor weight, Tensor bias, Activation activation, Tensor y) {
        clear();
        this.x = x;
        this.weight = weight;
        this.bias = bias;
        this.activation = activation;
        this.out = y;
        return this;
    }

    ConvCall backwardData(Tensor dy, Tensor weight, Tensor dx) {
        clear();
        this.dy = dy;
        this.weight = weight;
        this.out = dx;
        return this;
    }

    ConvCall backwardFilter(Tensor x, Tensor dy, Tensor dWeight) {
        clear();
        this.x = x;
        this.dy = dy;
        this.out = dWeight;
        return this;
    }

    /** Drops the last pass's tensors, so an idle plan holds none. */
    void clear() {
        x = null;
        weight = null;
        dy = null;
        out = null;
        bias = null;
        activation = null;
    }
}
