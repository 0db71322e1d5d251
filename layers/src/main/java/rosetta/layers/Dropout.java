package rosetta.layers;

import java.util.List;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * Inverted dropout, as every framework of the benchmark implements it (torch/nn/_functions/dropout.py
 * @v0.4.0, caffe2/operators/dropout_op.cc @v0.8.1, src/operator/nn/dropout-inl.h @1.1.0): kept elements
 * are scaled by 1/(1-rate) in training so evaluation is the identity. Each dropping forward draws a fresh mask from
 * the layer's own stream; a forward that does not drop passes its input through untouched.
 */
public final class Dropout implements Layer {
    private final String name;
    private final double rate;
    private final DropoutMode mode;
    private final RngStream rng;
    private boolean inputGradient = true;
    private boolean dropped;
    private Tensor output;
    private Tensor mask;
    private Tensor y;
    private Tensor dx;

    /** Draws its masks from {@code rng.split(name)}, so adding a layer never shifts another's numbers. */
    public Dropout(String name, double rate, DropoutMode mode, RngStream rng) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1), got " + rate);
        }
        this.name = name;
        this.rate = rate;
        this.mode = mode;
        this.rng = rng.split(name);
    }

    public double rate() {
        return rate;
    }

    public DropoutMode mode() {
        return mode;
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
        dropped = mode == DropoutMode.ALWAYS || (mode == DropoutMode.HONOUR_FLAG && training);
        if (!dropped) {
            output = x;
            return x;
        }
        mask = Buffers.reuse(mask, x.backend(), x.dtype(), x.shape());
        y = Buffers.reuse(y, x.backend(), x.dtype(), x.shape());
        x.backend().ops().dropout().forward(rate, rng, x, mask, y);
        output = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name, output, dy);
        if (!inputGradient) {
            return null;
        }
        if (!dropped) {
            return dy;
        }
        dx = Buffers.reuse(dx, dy.backend(), dy.dtype(), dy.shape());
        dy.backend().ops().dropout().backward(mask, dy, dx);
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
    public List<RngStream> randomStreams() {
        return List.of(rng);
    }

    @Override
    public void close() {
        Buffers.close(mask, y, dx);
        mask = null;
        y = null;
        dx = null;
        output = null;
    }
}
