package rosetta.layers;

import java.util.List;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;

/**
 * An elementwise nonlinearity as its own layer. It writes a new output rather than overwriting its input:
 * the layer before may still need its output for backward (a max-pool compares it with its input).
 */
public class ActivationLayer implements Layer {
    private final String name;
    private final Activation kind;
    private boolean inputGradient = true;
    private Tensor y;
    private Tensor dx;

    public ActivationLayer(String name, Activation kind) {
        this.name = name;
        this.kind = kind;
    }

    public Activation kind() {
        return kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        InputCheck.floating(name, x);
        y = Buffers.reuse(y, x.backend(), x.dtype(), x.shape());
        x.backend().ops().activation().forward(kind, x, y);
        return y;
    }

    /** All three activations' derivatives are functions of the output, so backward reads y, not x. */
    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name, y, dy);
        if (!inputGradient) {
            return null;
        }
        dx = Buffers.reuse(dx, dy.backend(), dy.dtype(), dy.shape());
        dy.backend().ops().activation().backward(kind, y, dy, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void computeInputGradient(boolean on) {
        inputGradient = on;
    }

    @Override
    public void close() {
        Buffers.close(y, dx);
        y = null;
        dx = null;
    }
}
