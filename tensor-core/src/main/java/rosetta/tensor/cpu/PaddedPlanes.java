package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.ConvGeometry;

/**
 * One image of a convolution's input copied to the heap with its padding as real zeros, in the input's
 * layout: [C][Hp][Wp] for NCHW, [Hp][Wp][C] for NHWC. Every window then lies inside the plane, so the
 * loops that read windows need no bounds checks, and each row moves with one bulk copy. The borders are
 * zeroed once per pass ({@link #clear}); loading an image rewrites the interior only.
 */
final class PaddedPlanes {
    private PaddedPlanes() {
    }

    static int height(ConvGeometry g) {
        return g.padTop() + g.inHeight() + g.padBottom();
    }

    static int width(ConvGeometry g) {
        return g.padLeft() + g.inWidth() + g.padRight();
    }

    static int size(ConvGeometry g) {
        return Math.toIntExact((long) g.inChannels() * height(g) * width(g));
    }

    /** Offset in the plane of padded position (row, col) of channel c. */
    static int at(ConvGeometry g, int c, int row, int col) {
        return g.layout() == Layout.NCHW
                ? (c * height(g) + row) * width(g) + col
                : (row * width(g) + col) * g.inChannels() + c;
    }

    static void clear(ConvGeometry g, float[] plane) {
        java.util.Arrays.fill(plane, 0, size(g), 0f);
    }

    /** Copies image n of x into the plane's interior. */
    static void load(ConvGeometry g, FloatBuffer x, int xOff, int n, float[] plane) {
        int c = g.inChannels();
        int h = g.inHeight();
        int w = g.inWidth();
        if (g.layout() == Layout.NCHW) {
            for (int ch = 0; ch < c; ch++) {
                for (int row = 0; row < h; row++) {
                    x.get(xOff + ((n * c + ch) * h + row) * w, plane, at(g, ch, row + g.padTop(), g.padLeft()), w);
                }
            }
        } else {
            for (int row = 0; row < h; row++) {
                x.get(xOff + (n * h + row) * w * c, plane, at(g, 0, row + g.padTop(), g.padLeft()), w * c);
            }
        }
    }

    /** Copies the plane's interior to image n of dx (the padding is dropped). */
    static void store(ConvGeometry g, float[] plane, FloatBuffer dx, int dxOff, int n) {
        int c = g.inChannels();
        int h = g.inHeight();
        int w = g.inWidth();
        if (g.layout() == Layout.NCHW) {
            for (int ch = 0; ch < c; ch++) {
                for (int row = 0; row < h; row++) {
                    dx.put(dxOff + ((n * c + ch) * h + row) * w, plane, at(g, ch, row + g.padTop(), g.padLeft()), w);
                }
            }
        } else {
            for (int row = 0; row < h; row++) {
                dx.put(dxOff + (n * h + row) * w * c, plane, at(g, 0, row + g.padTop(), g.padLeft()), w * c);
            }
        }
    }
}
