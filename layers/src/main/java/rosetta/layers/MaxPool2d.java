package rosetta.layers;

import java.util.List;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolPlan;

/**
 * Max pooling over square windows. The stride is explicit because the frameworks disagree on its
 * default: the window for PyTorch (torch/nn/modules/pooling.py @v0.4.0), Keras, Gluon, Chainer and
 * Lasagne, but 1 for MXNet's symbol {@code Pooling} (src/operator/nn/pooling-inl.h @1.1.0), CNTK's
 * {@code MaxPooling} and Caffe2 (caffe2/operators/conv_pool_op_base.h @v0.8.1). {@code ceil} rounds the
 * output size up (Chainer's {@code cover_all=True}, MXNet's {@code pooling_convention='full'}).
 */
public final class MaxPool2d implements Layer {
    private final String name;
    private final int window;
    private final int stride;
    private final Padding padding;
    private final boolean ceil;
    private final Layout layout;
    private boolean inputGradient = true;
    private PoolPlan plan;
    /** The input shape and type the plan and y were made for. */
    private Shape plannedInput;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    public MaxPool2d(String name, int window, int stride, Padding padding, boolean ceil, Layout layout) {
        if (window <= 0 || stride <= 0) {
            throw new IllegalArgumentException(name + ": window and stride must be positive, got window " + window
                    + ", stride " + stride);
        }
        this.name = name;
        this.window = window;
        this.stride = stride;
        this.padding = padding;
        this.ceil = ceil;
        this.layout = layout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return geometry(input).outputShape();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        InputCheck.floating(name, input);
        if (plan == null || !input.shape().equals(plannedInput) || y.dtype() != input.dtype()) {
            PoolGeometry g = geometry(input.shape());
            PoolPlan next = input.backend().ops().pool().plan(g, input.dtype());
            Buffers.close(plan);
            plan = next;
            plannedInput = input.shape();
            y = Buffers.reuse(y, input.backend(), input.dtype(), g.outputShape());
        }
        x = input;
        input.backend().ops().pool().forward(plan, input, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name, y, dy);
        if (!inputGradient) {
            return null;
        }
        dx = Buffers.reuse(dx, dy.backend(), dy.dtype(), x.shape());
        dy.backend().ops().pool().backward(plan, x, y, dy, dx);
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
        Buffers.close(plan, y, dx);
        plan = null;
        plannedInput = null;
        y = null;
        dx = null;
        x = null;
    }

    private PoolGeometry geometry(Shape input) {
        InputCheck.shape(input.rank() == 4, name, "a 4-D " + layout + " batch", input);
        try {
            return PoolGeometry.of(layout, input, window, window, stride, stride, padding, ceil);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
