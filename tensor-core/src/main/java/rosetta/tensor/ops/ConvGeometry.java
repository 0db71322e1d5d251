package rosetta.tensor.ops;

import rosetta.tensor.Layout;
import rosetta.tensor.Shape;

/**
 * A 2-D convolution resolved for one input shape: every size and padding amount is known. Weights are
 * [outChannels, inChannels, kH, kW] in NCHW and [outChannels, kH, kW, inChannels] in NHWC, as cuDNN's
 * filter formats for those layouts. {@code flipKernel} computes a true convolution (the kernel rotated
 * by 180 degrees), as Theano's {@code conv2d(filter_flip=True)} and Lasagne's {@code Conv2DLayer} do;
 * otherwise a cross-correlation, as every other framework.
 */
public record ConvGeometry(
        Layout layout, int batch, int inChannels, int inHeight, int inWidth,
        int outChannels, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
        int padTop, int padBottom, int padLeft, int padRight, boolean flipKernel,
        int outHeight, int outWidth) {

    public ConvGeometry {
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("convolution " + kernelHeight + "x" + kernelWidth + " stride "
                    + strideHeight + " on " + inHeight + "x" + inWidth + " input leaves no output");
        }
    }

    /** Resolves a convolution for an input batch of {@code input} (in {@code layout}). */
    public static ConvGeometry of(Layout layout, Shape input, int outChannels, int kernelHeight, int kernelWidth,
            int strideHeight, int strideWidth, Padding padding, boolean flipKernel) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("convolution expects a 4-D " + layout + " input, got " + input);
        }
        int n = input.dim(0);
        int c = layout.channels(input);
        int h = layout.height(input);
        int w = layout.width(input);
        int[] v = padding.vertical(h, kernelHeight, strideHeight);
        int[] hz = padding.horizontal(w, kernelWidth, strideWidth);
        int oh = Math.floorDiv(h + v[0] + v[1] - kernelHeight, strideHeight) + 1;
        int ow = Math.floorDiv(w + hz[0] + hz[1] - kernelWidth, strideWidth) + 1;
        return new ConvGeometry(layout, n, c, h, w, outChannels, kernelHeight, kernelWidth, strideHeight,
                strideWidth, v[0], v[1], hz[0], hz[1], flipKernel, oh, ow);
    }

    public Shape inputShape() {
        return layout.shape(batch, inChannels, inHeight, inWidth);
    }

    public Shape outputShape() {
        return layout.shape(batch, outChannels, outHeight, outWidth);
    }

    public Shape weightShape() {
        return layout == Layout.NCHW
                ? Shape.of(outChannels, inChannels, kernelHeight, kernelWidth)
                : Shape.of(outChannels, kernelHeight, kernelWidth, inChannels);
    }

    public Shape biasShape() {
        return Shape.of(outChannels);
    }

    /** This geometry for another batch size (e.g. the last partial batch). */
    public ConvGeometry withBatch(int n) {
        return new ConvGeometry(layout, n, inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padTop, padBottom, padLeft, padRight, flipKernel, outHeight, outWidth);
    }

    /** Floating-point operations of the forward pass (2 per multiply-add); each backward pass costs the same. */
    public long forwardFlops() {
        return 2L * batch * outChannels * outHeight * outWidth * inChannels * kernelHeight * kernelWidth;
    }

    public boolean is3x3Stride1() {
        return kernelHeight == 3 && kernelWidth == 3 && strideHeight == 1 && strideWidth == 1;
    }
}
