package rosetta.tensor.cpu;

import rosetta.tensor.Layout;
import rosetta.tensor.ops.ConvGeometry;

/** Element offsets of activations and weights of a convolution, in either layout. */
final class ConvIndex {
    private ConvIndex() {
    }

    /** Offset of input element (n, c, h, w). */
    static int input(ConvGeometry g, int n, int c, int h, int w) {
        return g.layout() == Layout.NCHW
                ? ((n * g.inChannels() + c) * g.inHeight() + h) * g.inWidth() + w
                : ((n * g.inHeight() + h) * g.inWidth() + w) * g.inChannels() + c;
    }

    /** Offset of output element (n, k, h, w). */
    static int output(ConvGeometry g, int n, int k, int h, int w) {
        return g.layout() == Layout.NCHW
                ? ((n * g.outChannels() + k) * g.outHeight() + h) * g.outWidth() + w
                : ((n * g.outHeight() + h) * g.outWidth() + w) * g.outChannels() + k;
    }

    /**
     * Offset of the weight that multiplies input tap (r, s) of channel c for output channel k: the
     * kernel is read rotated by 180 degrees when the geometry asks for a true convolution.
     */
    static int weight(ConvGeometry g, int k, int c, int r, int s) {
        int kr = g.flipKernel() ? g.kernelHeight() - 1 - r : r;
        int ks = g.flipKernel() ? g.kernelWidth() - 1 - s : s;
        return g.layout() == Layout.NCHW
                ? ((k * g.inChannels() + c) * g.kernelHeight() + kr) * g.kernelWidth() + ks
                : ((k * g.kernelHeight() + kr) * g.kernelWidth() + ks) * g.inChannels() + c;
    }
}
