package rosetta.layers;

import java.util.List;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/**
 * [N, ...] to [N, features]. When the features are wanted in the batch's own order this is a view (no
 * copy). When a batch in {@code layout} must give features in {@code featureOrder}'s order, e.g. an NHWC
 * batch giving channel-major features, it permutes first, so that the dense layer after it sees the
 * same feature order, and keeps the same weights, in either layout. Backward undoes what forward did.
 */
public final class Flatten implements Layer {
    private final String name;
    private final Layout layout;
    private final Layout featureOrder;
    private boolean inputGradient = true;
    private Shape inputShape;
    private Tensor y;
    private Tensor permuted;
    private Tensor flat;
    private Tensor dx;

    public Flatten(String name, Layout layout, Layout featureOrder) {
        this.name = name;
        this.layout = layout;
        this.featureOrder = featureOrder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (layout == featureOrder) {
            InputCheck.shape(input.rank() >= 2, name, "[N, ...]", input);
        } else {
            InputCheck.shape(input.rank() == 4, name, "a 4-D " + layout + " batch", input);
        }
        return input.flattenFrom(1);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Shape out = outputShape(x.shape());
        inputShape = x.shape();
        if (layout == featureOrder) {
            y = x.reshape(out);
            return y;
        }
        Shape order = LayoutTranspose.permute(x.shape(), layout, featureOrder);
        Tensor buffer = Buffers.reuse(permuted, x.backend(), x.dtype(), order);
        if (buffer != permuted) {
            permuted = buffer;
            flat = buffer.reshape(out);
        }
        x.backend().ops().layout().permute(x, permuted, LayoutTranspose.axes(layout, featureOrder));
        y = flat;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name, y, dy);
        if (!inputGradient) {
            return null;
        }
        if (layout == featureOrder) {
            return dy.reshape(inputShape);
        }
        dx = Buffers.reuse(dx, dy.backend(), dy.dtype(), inputShape);
        dy.backend().ops().layout().permute(dy.reshape(permuted.shape()), dx,
                LayoutTranspose.axes(featureOrder, layout));
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
        Buffers.close(permuted, dx);
        permuted = null;
        flat = null;
        dx = null;
        y = null;
    }
}
