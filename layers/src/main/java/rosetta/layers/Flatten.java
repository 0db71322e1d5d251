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
 * The views are made again only for another tensor: the layers around return the same ones every step.
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
    /** Permuting: dL/dx, owned; as a view: dy seen with the input's shape. */
    private Tensor dx;
    /** The last input and output gradient, of which y and dx (or dyPermuted) are views. */
    private Tensor input;
    private Tensor gradient;
    private Tensor dyPermuted;

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
        if (x != input) {
            Shape out = outputShape(x.shape());
            inputShape = x.shape();
            input = x;
            gradient = null;
            if (layout == featureOrder) {
                y = x.reshape(out);
            } else {
                Shape order = LayoutTranspose.permute(x.shape(), layout, featureOrder);
                Tensor buffer = Buffers.reuse(permuted, x.backend(), x.dtype(), order);
                if (buffer != permuted) {
                    permuted = buffer;
                    flat = buffer.reshape(out);
                }
                y = flat;
            }
        }
        if (layout != featureOrder) {
            x.backend().ops().layout().permute(x, permuted, LayoutTranspose.axes(layout, featureOrder));
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name, y, dy);
        if (!inputGradient) {
            return null;
        }
        if (dy != gradient) {
            gradient = dy;
            if (layout == featureOrder) {
                dx = dy.reshape(inputShape);
            } else {
                dyPermuted = dy.reshape(permuted.shape());
            }
        }
        if (layout != featureOrder) {
            dx = Buffers.reuse(dx, dy.backend(), dy.dtype(), inputShape);
            dy.backend().ops().layout().permute(dyPermuted, dx, LayoutTranspose.axes(featureOrder, layout));
        }
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
        Buffers.close(permuted, layout == featureOrder ? null : dx);
        permuted = null;
        flat = null;
        dx = null;
        y = null;
        input = null;
        gradient = null;
        dyPermuted = null;
    }
}
