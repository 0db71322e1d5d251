package rosetta.tensor.ops;

import rosetta.tensor.Layout;
import rosetta.tensor.Shape;

/**
 * Max pooling resolved for one input shape. Padded positions count as minus infinity. {@code ceil}
 * rounds the output size up (Chainer's {@code cover_all=True}, MXNet's {@code pooling_convention='full'},
 * PyTorch's {@code ceil_mode}); a last window that would start past the input and its leading pad is
 * dropped, as PyTorch does, so no window is empty.
 */
public record PoolGeometry(
        Layout layout, int batch, int channels, int inHeight, int inWidth,
        int windowHeight, int windowWidth, int strideHeight, int strideWidth,
        int padTop, int padLeft, int outHeight, int outWidth) {

    public static PoolGeometry of(Layout layout, Shape input, int windowHeight, int windowWidth,
            int strideHeight, int strideWidth, Padding padding, boolean ceil) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("max-pool expects a 4-D " + layout + " input, got " + input);
        }
        int h = layout.height(input);
        int w = layout.width(input);
        int[] v = padding.vertical(h, windowHeight, strideHeight);
        int[] hz = padding.horizontal(w, windowWidth, strideWidth);
        int oh = outputSize(h, windowHeight, strideHeight, v[0], v[1], ceil);
        int ow = outputSize(w, windowWidth, strideWidth, hz[0], hz[1], ceil);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("max-pool " + windowHeight + "x" + windowWidth + " stride "
                    + strideHeight + " on " + h + "x" + w + " input leaves no output");
        }
        return new PoolGeometry(layout, input.dim(0), layout.channels(input), h, w, windowHeight, windowWidth,
                strideHeight, strideWidth, v[0], hz[0], oh, ow);
    }

    private static int outputSize(int in, int window, int stride, int before, int after, boolean ceil) {
        int span = in + before + after - window;
        int out = (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
        if (ceil && out > 1 && (out - 1) * stride >= in + before) {
            out--;
        }
        return out;
    }

    public Shape inputShape() {
        return layout.shape(batch, channels, inHeight, inWidth);
    }

    public Shape outputShape() {
        return layout.shape(batch, channels, outHeight, outWidth);
    }

    public PoolGeometry withBatch(int n) {
        return new PoolGeometry(layout, n, channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight,
                strideWidth, padTop, padLeft, outHeight, outWidth);
    }
}
