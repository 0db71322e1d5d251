package rosetta.layers.init;

/**
 * What an initialiser needs to know about the tensor it fills. Every framework computes fans its own
 * way, so the layer that owns the parameter computes them for the convention its dialect follows (e.g.
 * conv: fan_in = C_in k_h k_w, fan_out = C_out k_h k_w). {@code rows} x {@code cols} is the matrix view
 * an orthogonal initialiser makes orthogonal.
 */
public record Fans(int fanIn, int fanOut, int rows, int cols) {

    public int size() {
        return rows * cols;
    }

    /**
     * The fans of a bias of {@code size} elements that belongs to the weight with these fans: the
     * weight's own, so that PyTorch's U(±1/√fan_in) bias uses the weight's fan_in
     * (torch/nn/modules/conv.py _ConvNd.reset_parameters @v0.4.0), viewed as one row.
     */
    public Fans forBias(int size) {
        return new Fans(fanIn, fanOut, 1, size);
    }
}
