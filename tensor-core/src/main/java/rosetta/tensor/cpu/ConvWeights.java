package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.ConvGeometry;

/**
 * Weight repacking shared by the fast convolutions. The backward-data pass of a stride-1 convolution is
 * itself a forward convolution of dy, over the {@linkplain #transposed transposed geometry}, with the
 * kernel rotated by 180 degrees and its two channel axes swapped; packing those weights once per call
 * lets every forward algorithm serve that pass too.
 */
final class ConvWeights {
    private ConvWeights() {
    }

    /**
     * The forward convolution that computes dx from dy: input dy (K channels, OH x OW), output dx (C
     * channels, H x W), padding R-1-p on each side, no flip. Null where that padding would be negative or
     * the stride is not 1, which such a rewrite cannot express.
     */
    static ConvGeometry transposed(ConvGeometry g) {
        int r = g.kernelHeight();
        int s = g.kernelWidth();
        boolean expressible = g.strideHeight() == 1 && g.strideWidth() == 1
                && g.padTop() <= r - 1 && g.padBottom() <= r - 1 && g.padLeft() <= s - 1 && g.padRight() <= s - 1;
        if (!expressible) {
            return null;
        }
        return new ConvGeometry(g.layout(), g.batch(), g.outChannels(), g.outHeight(), g.outWidth(),
                g.inChannels(), r, s, 1, 1, r - 1 - g.padTop(), r - 1 - g.padBottom(), s - 1 - g.padLeft(),
                s - 1 - g.padRight(), false, g.inHeight(), g.inWidth());
    }

    /**
     * Writes to {@code dst} the weights a plain (unflipped) forward convolution needs to compute {@code g}
     * ({@code transpose} false: the flip folded in) or its backward-data pass ({@code transpose} true: the
     * weights of {@link #transposed}), in {@code g}'s layout.
     */
    static void pack(ConvGeometry g, boolean transpose, FloatBuffer w, int wOff, FloatBuffer dst, int dstOff) {
        int kk = g.outChannels();
        int cc = g.inChannels();
        int rr = g.kernelHeight();
        int ss = g.kernelWidth();
        for (int k = 0; k < kk; k++) {
            for (int c = 0; c < cc; c++) {
                for (int r = 0; r < rr; r++) {
                    for (int s = 0; s < ss; s++) {
                        // the weight that multiplies input tap (r, s), whatever the flip
                        float v = w.get(wOff + ConvIndex.weight(g, k, c, r, s));
                        int at = transpose
                                ? plain(g.layout(), kk, rr, ss, c, k, rr - 1 - r, ss - 1 - s)
                                : plain(g.layout(), cc, rr, ss, k, c, r, s);
                        dst.put(dstOff + at, v);
                    }
                }
            }
        }
    }

    /** Offset of weight (out o, in i, tap r, s) of an unflipped kernel with {@code in} input channels. */
    static int plain(Layout layout, int in, int kernelHeight, int kernelWidth, int o, int i, int r, int s) {
        return layout == Layout.NCHW
                ? ((o * in + i) * kernelHeight + r) * kernelWidth + s
                : ((o * kernelHeight + r) * kernelWidth + s) * in + i;
    }

    static long size(ConvGeometry g) {
        return (long) g.outChannels() * g.inChannels() * g.kernelHeight() * g.kernelWidth();
    }
}
