package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;

/**
 * Direct forward convolution for a first layer with few input channels (RGB): with C*R*S = 27 the GEMM
 * of im2col is thin, so each output channel is accumulated tap by tap over whole images instead. The image is padded once; for every tap a shifted copy of the padded plane, read as
 * OH rows of the padded width, lines the tap's inputs up with the outputs, so each output channel is a
 * sum of C*R*S scaled rows (the padding columns compute values that are dropped). The sums run three
 * taps per loop: the longest loop the JIT still vectorises. Each thread takes a share of the batch; the
 * epilogue is applied to each finished channel.
 */
final class DirectConv implements ConvAlgorithm {
    /** Input channels up to which the direct path beats im2col's thin GEMM (RGB and RGBA). */
    static final int MAX_CHANNELS = 4;

    private static final int TAPS_PER_LOOP = 3;

    @Override
    public String name() {
        return "direct-3ch";
    }

    @Override
    public boolean supports(ConvGeometry g, DType dtype, ConvPass pass) {
        return dtype == DType.FLOAT32 && pass == ConvPass.FORWARD && g.inChannels() <= MAX_CHANNELS
                && g.strideHeight() == 1 && g.strideWidth() == 1;
    }

    /**
     * Against the Java GEMM only: OpenBLAS runs im2col's thin GEMM well enough that im2col stays ahead on
     * the benchmark's first layer (2.4 against 3.7 ms, batch 64 on one thread, CpuBench), while the Java
     * GEMM's 12 GFLOP/s there would make im2col several times slower than this.
     */
    @Override
    public boolean pays(ConvGeometry g, ConvPass pass, Sgemm gemm) {
        return !(gemm instanceof OpenBlasSgemm);
    }

    @Override
    public ConvScratch scratch(ConvGeometry g, ConvPass pass, int threads) {
        int taps = g.inChannels() * g.kernelHeight() * g.kernelWidth();
        return new ConvScratch(0, 0, planeSize(g) + imageSize(g) + outputSize(g), taps + 1, lanes(g));
    }

    /** Padded width times output rows: the lanes of a shifted plane and of an output channel's sum. */
    private static int lanes(ConvGeometry g) {
        return g.outHeight() * PaddedPlanes.width(g);
    }

    /** The padded plane, plus the kernel width so the last shifted copy stays inside it. */
    private static int planeSize(ConvGeometry g) {
        return g.inChannels() * PaddedPlanes.height(g) * PaddedPlanes.width(g) + g.kernelWidth();
    }

    private static int imageSize(ConvGeometry g) {
        return g.inChannels() * g.inHeight() * g.inWidth();
    }

    private static int outputSize(ConvGeometry g) {
        return g.outChannels() * g.outHeight() * g.outWidth();
    }

    @Override
    public void forward(ConvCall c) {
        c.ws.threads().forEach(c.g.batch(), c, DirectConv::forwardImages);
    }

    private static void forwardImages(ConvCall c, int worker, int from, int to) {
        ConvGeometry g = c.g;
        int cin = g.inChannels();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int hp = PaddedPlanes.height(g);
        int wp = PaddedPlanes.width(g);
        int lanes = lanes(g);
        int taps = cin * kh * kw;
        float[] heap = c.ws.heap(worker);
        float[][] rows = c.ws.rows(worker);
        float[] acc = rows[taps];
        int kk = g.outChannels();
        FloatBuffer x = CpuStorage.floats(c.x);
        int xOff = (int) c.x.offset();
        FloatBuffer w = CpuStorage.floats(c.weight);
        int wOff = (int) c.weight.offset();
        FloatBuffer y = CpuStorage.floats(c.out);
        int yOff = (int) c.out.offset();
        FloatBuffer bias = c.bias == null ? null : CpuStorage.floats(c.bias);
        int biasOff = c.bias == null ? 0 : (int) c.bias.offset();
        int image = planeSize(g);
        int staging = image + imageSize(g);
        java.util.Arrays.fill(heap, 0, planeSize(g), 0f);
        for (int n = from; n < to; n++) {
            loadChannelMajor(g, x, xOff, n, heap, image);
            for (int ch = 0; ch < cin; ch++) {
                for (int r = 0; r < kh; r++) {
                    for (int s = 0; s < kw; s++) {
                        System.arraycopy(heap, (ch * hp + r) * wp + s, rows[(ch * kh + r) * kw + s], 0, lanes);
                    }
                }
            }
            for (int k = 0; k < kk; k++) {
                for (int ch = 0; ch < cin; ch++) {
                    for (int r = 0; r < kh; r++) {
                        for (int s = 0; s < kw; s += TAPS_PER_LOOP) {
                            accumulate(g, w, wOff, k, ch, r, s, rows, acc, lanes, ch == 0 && r == 0 && s == 0);
                        }
                    }
                }
                finishChannel(c, g, acc, k, bias, biasOff, heap, staging);
            }
            y.put(yOff + n * outputSize(g), heap, staging, outputSize(g));
        }
    }

    /** The epilogue on one finished output channel, then its valid lanes into the image staging. */
    private static void finishChannel(ConvCall c, ConvGeometry g, float[] acc, int k, FloatBuffer bias, int biasOff,
            float[] heap, int staging) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int wp = PaddedPlanes.width(g);
        if (bias != null || c.activation != null) {
            FloatActivations.inPlace(c.activation, bias == null ? 0f : bias.get(biasOff + k), acc, 0, oh * wp);
        }
        if (g.layout() == Layout.NCHW) {
            for (int py = 0; py < oh; py++) {
                System.arraycopy(acc, py * wp, heap, staging + (k * oh + py) * ow, ow);
            }
        } else {
            int kk = g.outChannels();
            for (int py = 0; py < oh; py++) {
                for (int px = 0; px < ow; px++) {
                    heap[staging + (py * ow + px) * kk + k] = acc[py * wp + px];
                }
            }
        }
    }

    /** acc (=, on the first call) += taps s, s+1, s+2 of kernel row r, input channel ch, output channel k. */
    private static void accumulate(ConvGeometry g, FloatBuffer w, int wOff, int k, int ch, int r, int s,
            float[][] rows, float[] acc, int lanes, boolean first) {
        int kw = g.kernelWidth();
        int row = (ch * g.kernelHeight() + r) * kw + s;
        int count = Math.min(TAPS_PER_LOOP, kw - s);
        float w0 = weight(g, w, wOff, k, ch, r, s, 0, count);
        float w1 = weight(g, w, wOff, k, ch, r, s, 1, count);
        float w2 = weight(g, w, wOff, k, ch, r, s, 2, count);
        float[] x0 = rows[row];
        float[] x1 = rows[count > 1 ? row + 1 : row];
        float[] x2 = rows[count > 2 ? row + 2 : row];
        if (first) {
            for (int l = 0; l < lanes; l++) {
                acc[l] = w0 * x0[l] + w1 * x1[l] + w2 * x2[l];
            }
        } else {
            for (int l = 0; l < lanes; l++) {
                acc[l] += w0 * x0[l] + w1 * x1[l] + w2 * x2[l];
            }
        }
    }

    /** Weight of tap s + i (0 past the kernel's width, where the lane reads a repeated plane). */
    private static float weight(ConvGeometry g, FloatBuffer w, int wOff, int k, int ch, int r, int s, int i, int count) {
        return i < count ? w.get(wOff + ConvIndex.weight(g, k, ch, r, s + i)) : 0f;
    }

    /** Image n into the zero-padded channel-major plane at the start of {@code heap} (NHWC transposed via {@code image}). */
    private static void loadChannelMajor(ConvGeometry g, FloatBuffer x, int xOff, int n, float[] heap, int image) {
        if (g.layout() == Layout.NCHW) {
            PaddedPlanes.load(g, x, xOff, n, heap);
            return;
        }
        int cin = g.inChannels();
        int h = g.inHeight();
        int w = g.inWidth();
        int hp = PaddedPlanes.height(g);
        int wp = PaddedPlanes.width(g);
        x.get(xOff + n * imageSize(g), heap, image, imageSize(g));
        for (int ch = 0; ch < cin; ch++) {
            for (int ih = 0; ih < h; ih++) {
                int dst = (ch * hp + ih + g.padTop()) * wp + g.padLeft();
                int src = image + ih * w * cin + ch;
                for (int iw = 0; iw < w; iw++) {
                    heap[dst + iw] = heap[src + iw * cin];
                }
            }
        }
    }

    @Override
    public void backwardData(ConvCall c) {
        throw new UnsupportedOperationException(name() + " computes the forward pass only");
    }

    @Override
    public void backwardFilter(ConvCall c) {
        throw new UnsupportedOperationException(name() + " computes the forward pass only");
    }
}
