package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.ConvGeometry;

/**
 * The forward epilogue y = f(conv + bias), applied by the fast algorithms to each image right after
 * computing it, while it is still in cache: one pass over memory fewer than a separate bias op and
 * activation op would make (cuDNN's cudnnConvolutionBiasActivationForward fuses the same three steps).
 */
final class ConvEpilogue {
    private ConvEpilogue() {
    }

    static boolean isIdentity(ConvCall c) {
        return c.bias == null && c.activation == null;
    }

    /** Applies the epilogue in place to images [from, to) of the call's output. */
    static void inPlace(ConvCall c, int from, int to) {
        if (isIdentity(c)) {
            return;
        }
        ConvGeometry g = c.g;
        FloatBuffer y = CpuStorage.floats(c.out);
        int yOff = (int) c.out.offset();
        int k = g.outChannels();
        int p = g.outHeight() * g.outWidth();
        if (g.layout() == Layout.NCHW) {
            for (int n = from; n < to; n++) {
                copyImage(c, g, y, yOff + n * k * p, p, n);
            }
        } else if (c.bias == null) {
            FloatActivations.forward(c.activation, 0f, y, yOff + from * p * k, y, yOff + from * p * k, (to - from) * p * k);
        } else {
            FloatBuffer bias = CpuStorage.floats(c.bias);
            int biasOff = (int) c.bias.offset();
            for (int i = from * p; i < to * p; i++) {
                FloatActivations.forwardVectorBias(c.activation, bias, biasOff, y, yOff + i * k, k);
            }
        }
    }

    /** NCHW: applies the epilogue to one image held channel-major in a heap array at {@code off}. */
    static void inPlace(ConvCall c, float[] image, int off) {
        if (isIdentity(c)) {
            return;
        }
        int p = c.g.outHeight() * c.g.outWidth();
        FloatBuffer bias = c.bias == null ? null : CpuStorage.floats(c.bias);
        int biasOff = c.bias == null ? 0 : (int) c.bias.offset();
        for (int k = 0; k < c.g.outChannels(); k++) {
            float b = bias == null ? 0f : bias.get(biasOff + k);
            FloatActivations.inPlace(c.activation, b, image, off + k * p, p);
        }
    }

    /**
     * NCHW: writes image n of the output of {@code g} (the call's geometry, or the transposed one that
     * computes its dx) from {@code src}, which holds the image's channels as rows {@code ld} apart (the
     * image's own rows when {@code src} is the output itself), applying the call's epilogue.
     */
    static void copyImage(ConvCall c, ConvGeometry g, FloatBuffer src, int srcOff, int ld, int n) {
        FloatBuffer y = CpuStorage.floats(c.out);
        int k = g.outChannels();
        int p = g.outHeight() * g.outWidth();
        int yOff = (int) c.out.offset() + n * k * p;
        FloatBuffer bias = c.bias == null ? null : CpuStorage.floats(c.bias);
        int biasOff = c.bias == null ? 0 : (int) c.bias.offset();
        for (int ch = 0; ch < k; ch++) {
            float b = bias == null ? 0f : bias.get(biasOff + ch);
            FloatActivations.forward(c.activation, b, src, srcOff + ch * ld, y, yOff + ch * p, p);
        }
    }
}
