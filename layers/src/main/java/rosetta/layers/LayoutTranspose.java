package rosetta.layers;

import java.util.List;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/**
 * Permutes a 4-D batch from one layout to another, e.g. NHWC batches into an NCHW model: the
 * "transpose every batch" cost a model pays when its data pipeline's layout differs from its own (Keras
 * on TensorFlow with {@code channels_first}). Backward permutes the gradient back.
 */
public final class LayoutTranspose implements Layer {
    private final String name;
    private final Layout from;
    private final Layout to;
    private boolean inputGradient = true;
    private Shape inputShape;
    private Tensor y;
    private Tensor dx;

    public LayoutTranspose(String name, Layout from, Layout to) {
        if (from == to) {
            throw new IllegalArgumentException(name + ": from and to are both " + from
                    + "; leave the transpose out when the layouts agree");
        }
        this.name = name;
        this.from = from;
        this.to = to;
    }

    /** The {@code axes} for {@code LayoutOps.permute} that take a batch in {@code from} to {@code to}. */
    static int[] axes(Layout from, Layout to) {
        if (from == to) {
            return new int[] {0, 1, 2, 3};
        }
        // y[n, c, h, w] = x[n, h, w, c] and the reverse
        return to == Layout.NCHW ? new int[] {0, 3, 1, 2} : new int[] {0, 2, 3, 1};
    }

    /** {@code shape} (a batch in {@code from}) with its axes in {@code to}'s order. */
    static Shape permute(Shape shape, Layout from, Layout to) {
        int[] axes = axes(from, to);
        int[] dims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = shape.dim(axes[i]);
        }
        return Shape.of(dims);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        InputCheck.shape(input.rank() == 4, name, "a 4-D " + from + " batch", input);
        return permute(input, from, to);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Shape out = outputShape(x.shape());
        inputShape = x.shape();
        y = Buffers.reuse(y, x.backend(), x.dtype(), out);
        x.backend().ops().layout().permute(x, y, axes(from, to));
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name, y, dy);
        if (!inputGradient) {
            return null;
        }
        dx = Buffers.reuse(dx, dy.backend(), dy.dtype(), inputShape);
        dy.backend().ops().layout().permute(dy, dx, axes(to, from));
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
