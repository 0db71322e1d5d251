package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;

/**
 * Convolution as a GEMM over the unrolled input ("im2col", as Caffe's and cuDNN's GEMM algorithms). The
 * column matrix is ordered like the weights of the layout, so they are used in place: NCHW unrolls to
 * [C*R*S, P] and NHWC to [P, R*S*C], P = output pixels. Each thread takes a share of the batch, copies
 * each image into a zero-padded heap plane and unrolls it with one bulk copy per kernel row (no bounds
 * test per element); small images are unrolled several to a GEMM so that it stays wide. Backward data of
 * a stride-1 convolution runs as the forward convolution of dy over the transposed geometry (the
 * summation inside the GEMM, no scatter); other strides multiply into columns and add them back
 * (col2im). Backward filter sums each thread's images into its own partial gradient, and the partials
 * are added in thread order.
 */
final class Im2colGemmConv implements ConvAlgorithm {
    /** Output pixels per GEMM below which images are batched into one GEMM. */
    private static final int MIN_GEMM_PIXELS = 256;
    /** Input channels below which backward data multiplies into columns rather than transposing. */
    private static final int MIN_TRANSPOSED_CHANNELS = 16;

    @Override
    public String name() {
        return "im2col-gemm";
    }

    @Override
    public boolean supports(ConvGeometry g, DType dtype, ConvPass pass) {
        return dtype == DType.FLOAT32;
    }

    @Override
    public ConvScratch scratch(ConvGeometry g, ConvPass pass, int threads) {
        return switch (pass) {
            case FORWARD -> forwardScratch(g, g.flipKernel() ? ConvWeights.size(g) : 0);
            case BACKWARD_DATA -> {
                yield useTransposed(g) ? forwardScratch(ConvWeights.transposed(g), ConvWeights.size(g))
                        : ConvScratch.of(0, columns(g, 1), PaddedPlanes.size(g) + rowScratch(g));
            }
            case BACKWARD_FILTER -> ConvScratch.of(ConvWeights.size(g) * threads,
                    columns(g, imagesPerGemm(g)), PaddedPlanes.size(g) + rowScratch(g));
        };
    }

    private static ConvScratch forwardScratch(ConvGeometry g, long sharedWeights) {
        int b = imagesPerGemm(g);
        long staging = g.layout() == Layout.NCHW && b > 1 ? (long) g.outChannels() * b * pixels(g) : 0;
        return ConvScratch.of(sharedWeights, columns(g, b) + staging, PaddedPlanes.size(g) + rowScratch(g));
    }

    @Override
    public void forward(ConvCall c) {
        if (c.g.flipKernel()) {
            ConvWeights.pack(c.g, false, CpuStorage.floats(c.weight), (int) c.weight.offset(), c.ws.direct(), 0);
        }
        c.ws.threads().forEach(c.g.batch(), c, Im2colGemmConv::forwardRange);
    }

    private static void forwardRange(ConvCall c, int worker, int from, int to) {
        boolean packed = c.g.flipKernel();
        FloatBuffer w = packed ? c.ws.direct() : CpuStorage.floats(c.weight);
        int wOff = packed ? 0 : (int) c.weight.offset();
        forwardImages(c, c.g, CpuStorage.floats(c.x), (int) c.x.offset(), w, wOff, true, worker, from, to);
    }

    @Override
    public void backwardData(ConvCall c) {
        boolean transposed = useTransposed(c.g);
        if (transposed) {
            ConvWeights.pack(c.g, true, CpuStorage.floats(c.weight), (int) c.weight.offset(), c.ws.direct(), 0);
        }
        c.ws.threads().forEach(c.g.batch(), c, transposed ? Im2colGemmConv::transposedRange : Im2colGemmConv::col2imRange);
    }

    private static void transposedRange(ConvCall c, int worker, int from, int to) {
        forwardImages(c, c.transposed, CpuStorage.floats(c.dy), (int) c.dy.offset(), c.ws.direct(), 0,
                false, worker, from, to);
    }

    /**
     * Images [from, to) of a plain (unflipped) forward convolution {@code g} of {@code x} with weights
     * {@code w} into the call's output, with the call's epilogue when {@code epilogue}.
     */
    private static void forwardImages(ConvCall c, ConvGeometry g, FloatBuffer x, int xOff, FloatBuffer w, int wOff,
            boolean epilogue, int worker, int from, int to) {
        int b = imagesPerGemm(g);
        int p = pixels(g);
        int kk = g.outChannels();
        int taps = taps(g);
        FloatBuffer scratch = c.ws.direct();
        int col = c.ws.directOffset(worker);
        int staging = col + Math.toIntExact(columns(g, b));
        float[] plane = c.ws.heap(worker);
        FloatBuffer y = CpuStorage.floats(c.out);
        int yOff = (int) c.out.offset();
        Sgemm sgemm = c.ws.sgemm(worker);
        PaddedPlanes.clear(g, plane);
        for (int n0 = from; n0 < to; n0 += b) {
            int nb = Math.min(b, to - n0);
            for (int i = 0; i < nb; i++) {
                PaddedPlanes.load(g, x, xOff, n0 + i, plane);
                im2col(g, plane, scratch, col, i, nb);
            }
            if (g.layout() == Layout.NHWC) {
                sgemm.sgemm(false, true, nb * p, kk, taps, 1f, scratch, col, taps, w, wOff, taps,
                        0f, y, yOff + n0 * p * kk, kk);
                if (epilogue) {
                    ConvEpilogue.inPlace(c, n0, n0 + nb);
                }
            } else if (nb == 1) {
                sgemm.sgemm(false, false, kk, p, taps, 1f, w, wOff, taps, scratch, col, p, 0f, y, yOff + n0 * kk * p, p);
                if (epilogue) {
                    ConvEpilogue.inPlace(c, n0, n0 + 1);
                }
            } else {
                // [K, nb*P] holds the images side by side: each lands in y with the epilogue on the way
                sgemm.sgemm(false, false, kk, nb * p, taps, 1f, w, wOff, taps, scratch, col, nb * p,
                        0f, scratch, staging, nb * p);
                for (int i = 0; i < nb; i++) {
                    if (epilogue) {
                        ConvEpilogue.copyImage(c, g, scratch, staging + i * p, nb * p, n0 + i);
                    } else {
                        for (int k = 0; k < kk; k++) {
                            y.put(yOff + ((n0 + i) * kk + k) * p, scratch, staging + k * nb * p + i * p, p);
                        }
                    }
                }
            }
        }
    }

    /** dx for strides other than 1: columns = W^T dy per image, then each column added onto its pixel. */
    private static void col2imRange(ConvCall c, int worker, int from, int to) {
        ConvGeometry g = c.g;
        int p = pixels(g);
        int kk = g.outChannels();
        int taps = taps(g);
        FloatBuffer w = CpuStorage.floats(c.weight);
        int wOff = (int) c.weight.offset();
        FloatBuffer dy = CpuStorage.floats(c.dy);
        int dyOff = (int) c.dy.offset();
        FloatBuffer scratch = c.ws.direct();
        int col = c.ws.directOffset(worker);
        float[] plane = c.ws.heap(worker);
        FloatBuffer dx = CpuStorage.floats(c.out);
        int dxOff = (int) c.out.offset();
        Sgemm sgemm = c.ws.sgemm(worker);
        for (int n = from; n < to; n++) {
            if (g.layout() == Layout.NCHW) {
                sgemm.sgemm(true, false, taps, p, kk, 1f, w, wOff, taps, dy, dyOff + n * kk * p, p, 0f, scratch, col, p);
            } else {
                sgemm.sgemm(false, false, p, taps, kk, 1f, dy, dyOff + n * p * kk, kk, w, wOff, taps, 0f, scratch, col, taps);
            }
            PaddedPlanes.clear(g, plane);
            col2im(g, scratch, col, plane);
            PaddedPlanes.store(g, plane, dx, dxOff, n);
        }
    }

    @Override
    public void backwardFilter(ConvCall c) {
        ConvGeometry g = c.g;
        int size = (int) ConvWeights.size(g);
        FloatBuffer partials = c.ws.direct();
        for (int i = 0; i < size * c.ws.threads().count(); i++) {
            partials.put(i, 0f);
        }
        c.ws.threads().forEach(g.batch(), c, Im2colGemmConv::filterRange);
        // dW = partial 0 + partial 1 + ..., in thread order; partials hold the weights in unflipped tap order
        FloatBuffer dw = CpuStorage.floats(c.out);
        int dwOff = (int) c.out.offset();
        int threads = c.ws.threads().count();
        for (int k = 0; k < g.outChannels(); k++) {
            for (int ch = 0; ch < g.inChannels(); ch++) {
                for (int r = 0; r < g.kernelHeight(); r++) {
                    for (int s = 0; s < g.kernelWidth(); s++) {
                        int tap = ConvWeights.plain(g.layout(), g.inChannels(), g.kernelHeight(), g.kernelWidth(),
                                k, ch, r, s);
                        float sum = 0f;
                        for (int t = 0; t < threads; t++) {
                            sum += partials.get(t * size + tap);
                        }
                        dw.put(dwOff + ConvIndex.weight(g, k, ch, r, s), sum);
                    }
                }
            }
        }
    }

    private static void filterRange(ConvCall c, int worker, int from, int to) {
        ConvGeometry g = c.g;
        int b = imagesPerGemm(g);
        int p = pixels(g);
        int kk = g.outChannels();
        int taps = taps(g);
        FloatBuffer x = CpuStorage.floats(c.x);
        int xOff = (int) c.x.offset();
        FloatBuffer dy = CpuStorage.floats(c.dy);
        int dyOff = (int) c.dy.offset();
        FloatBuffer scratch = c.ws.direct();
        int partial = worker * (int) ConvWeights.size(g);
        int col = c.ws.directOffset(worker);
        float[] plane = c.ws.heap(worker);
        Sgemm sgemm = c.ws.sgemm(worker);
        PaddedPlanes.clear(g, plane);
        for (int n0 = from; n0 < to; n0 += b) {
            int nb = Math.min(b, to - n0);
            for (int i = 0; i < nb; i++) {
                PaddedPlanes.load(g, x, xOff, n0 + i, plane);
                im2col(g, plane, scratch, col, i, nb);
            }
            if (g.layout() == Layout.NHWC) {
                sgemm.sgemm(true, false, kk, taps, nb * p, 1f, dy, dyOff + n0 * p * kk, kk, scratch, col, taps,
                        1f, scratch, partial, taps);
            } else {
                for (int i = 0; i < nb; i++) {
                    sgemm.sgemm(false, true, kk, taps, p, 1f, dy, dyOff + (n0 + i) * kk * p, p, scratch, col + i * p,
                            nb * p, 1f, scratch, partial, taps);
                }
            }
        }
    }

    /**
     * Whether dx runs as the transposed forward convolution: where it can, and where the input has enough
     * channels to give that GEMM some height (for an RGB first layer its M would be 3; col2im's is C*R*S).
     */
    private static boolean useTransposed(ConvGeometry g) {
        return ConvWeights.transposed(g) != null && g.inChannels() >= MIN_TRANSPOSED_CHANNELS;
    }

    /** Images per GEMM: enough that small images still give a GEMM {@value #MIN_GEMM_PIXELS} pixels wide. */
    static int imagesPerGemm(ConvGeometry g) {
        int p = pixels(g);
        return Math.max(1, Math.min(Math.max(g.batch(), 1), (MIN_GEMM_PIXELS + p - 1) / p));
    }

    private static int taps(ConvGeometry g) {
        return g.inChannels() * g.kernelHeight() * g.kernelWidth();
    }

    private static int pixels(ConvGeometry g) {
        return g.outHeight() * g.outWidth();
    }

    /** Column-matrix floats for {@code images} images. */
    private static long columns(ConvGeometry g, int images) {
        return (long) taps(g) * pixels(g) * images;
    }

    /** Heap floats after the plane: one output row (NCHW gathers and col2im) or one tap's channels (NHWC col2im). */
    private static int rowScratch(ConvGeometry g) {
        return Math.max(g.outWidth(), g.inChannels());
    }

    /**
     * Unrolls the padded plane of one image, image {@code i} of {@code nb} sharing the column matrix at
     * {@code col}: NCHW columns i*P.. of [C*R*S, nb*P]; NHWC rows i*P.. of [nb*P, R*S*C]. Taps are in the
     * unflipped order; a flipped kernel is packed to match.
     */
    private static void im2col(ConvGeometry g, float[] plane, FloatBuffer dst, int col, int i, int nb) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int cc = g.inChannels();
        int p = oh * ow;
        if (g.layout() == Layout.NCHW) {
            int ld = nb * p;
            int gather = PaddedPlanes.size(g);
            for (int ch = 0; ch < cc; ch++) {
                for (int r = 0; r < kh; r++) {
                    for (int s = 0; s < kw; s++) {
                        int row = col + ((ch * kh + r) * kw + s) * ld + i * p;
                        for (int y = 0; y < oh; y++) {
                            int src = PaddedPlanes.at(g, ch, y * sh + r, s);
                            if (sw == 1) {
                                dst.put(row + y * ow, plane, src, ow);
                            } else {
                                for (int x = 0; x < ow; x++) {
                                    plane[gather + x] = plane[src + x * sw];
                                }
                                dst.put(row + y * ow, plane, gather, ow);
                            }
                        }
                    }
                }
            }
        } else {
            int taps = kh * kw * cc;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int row = col + (i * p + y * ow + x) * taps;
                    for (int r = 0; r < kh; r++) {
                        // the kernel row's taps are kw neighbouring pixels: kw*C contiguous floats
                        dst.put(row + r * kw * cc, plane, PaddedPlanes.at(g, 0, y * sh + r, x * sw), kw * cc);
                    }
                }
            }
        }
    }

    /** Adds the columns of one image (laid out as {@link #im2col} lays out one image) onto its padded plane. */
    private static void col2im(ConvGeometry g, FloatBuffer src, int col, float[] plane) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int cc = g.inChannels();
        int row = PaddedPlanes.size(g);
        // columns follow the weights' taps; with a flipped kernel, weight tap (r, s) reads input tap (ir, is)
        boolean flip = g.flipKernel();
        if (g.layout() == Layout.NCHW) {
            for (int ch = 0; ch < cc; ch++) {
                for (int r = 0; r < kh; r++) {
                    for (int s = 0; s < kw; s++) {
                        int from = col + ((ch * kh + r) * kw + s) * oh * ow;
                        int ir = flip ? kh - 1 - r : r;
                        int is = flip ? kw - 1 - s : s;
                        for (int y = 0; y < oh; y++) {
                            src.get(from + y * ow, plane, row, ow);
                            int at = PaddedPlanes.at(g, ch, y * sh + ir, is);
                            for (int x = 0; x < ow; x++) {
                                plane[at + x * sw] += plane[row + x];
                            }
                        }
                    }
                }
            }
            return;
        }
        int taps = kh * kw * cc;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                for (int r = 0; r < kh; r++) {
                    for (int s = 0; s < kw; s++) {
                        int ir = flip ? kh - 1 - r : r;
                        int is = flip ? kw - 1 - s : s;
                        src.get(col + (y * ow + x) * taps + (r * kw + s) * cc, plane, row, cc);
                        int at = PaddedPlanes.at(g, 0, y * sh + ir, x * sw + is);
                        for (int q = 0; q < cc; q++) {
                            plane[at + q] += plane[row + q];
                        }
                    }
                }
            }
        }
    }
}
