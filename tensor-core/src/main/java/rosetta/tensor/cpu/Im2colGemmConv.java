package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;

/**
 * Convolution as one GEMM per image over the unrolled input ("im2col", as Caffe's and cuDNN's GEMM
 * algorithms). Column rows are ordered like the weights of the layout, so the weights are used in place:
 * NCHW unrolls to [C*R*S, P] and NHWC to [P, R*S*C], P = output pixels.
 */
final class Im2colGemmConv implements ConvAlgorithm {

    @Override
    public String name() {
        return "im2col-gemm";
    }

    @Override
    public boolean supports(ConvGeometry g, DType dtype, ConvPass pass) {
        return dtype == DType.FLOAT32;
    }

    @Override
    public long workspaceFloats(ConvGeometry g, ConvPass pass) {
        return (long) taps(g) * pixels(g);
    }

    @Override
    public void forward(ConvGeometry g, Tensor x, Tensor w, Tensor y, ConvWorkspace ws) {
        FloatBuffer xb = CpuStorage.floats(x);
        FloatBuffer wb = CpuStorage.floats(w);
        FloatBuffer yb = CpuStorage.floats(y);
        FloatBuffer col = ws.floats();
        int kk = taps(g);
        int p = pixels(g);
        int k = g.outChannels();
        for (int n = 0; n < g.batch(); n++) {
            im2col(g, xb, (int) x.offset(), n, col);
            int yOff = (int) y.offset() + n * k * p;
            if (g.layout() == Layout.NCHW) {
                ws.sgemm().sgemm(false, false, k, p, kk, 1f, wb, (int) w.offset(), kk, col, 0, p, 0f, yb, yOff, p);
            } else {
                ws.sgemm().sgemm(false, true, p, k, kk, 1f, col, 0, kk, wb, (int) w.offset(), kk, 0f, yb, yOff, k);
            }
        }
    }

    @Override
    public void backwardData(ConvGeometry g, Tensor dy, Tensor w, Tensor dx, ConvWorkspace ws) {
        FloatBuffer dyb = CpuStorage.floats(dy);
        FloatBuffer wb = CpuStorage.floats(w);
        FloatBuffer dxb = CpuStorage.floats(dx);
        FloatBuffer col = ws.floats();
        int kk = taps(g);
        int p = pixels(g);
        int k = g.outChannels();
        for (int n = 0; n < g.batch(); n++) {
            int dyOff = (int) dy.offset() + n * k * p;
            if (g.layout() == Layout.NCHW) {
                ws.sgemm().sgemm(true, false, kk, p, k, 1f, wb, (int) w.offset(), kk, dyb, dyOff, p, 0f, col, 0, p);
            } else {
                ws.sgemm().sgemm(false, false, p, kk, k, 1f, dyb, dyOff, k, wb, (int) w.offset(), kk, 0f, col, 0, kk);
            }
            col2im(g, col, dxb, (int) dx.offset(), n);
        }
    }

    @Override
    public void backwardFilter(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, ConvWorkspace ws) {
        FloatBuffer xb = CpuStorage.floats(x);
        FloatBuffer dyb = CpuStorage.floats(dy);
        FloatBuffer dwb = CpuStorage.floats(dw);
        FloatBuffer col = ws.floats();
        int kk = taps(g);
        int p = pixels(g);
        int k = g.outChannels();
        int dwOff = (int) dw.offset();
        for (int n = 0; n < g.batch(); n++) {
            im2col(g, xb, (int) x.offset(), n, col);
            int dyOff = (int) dy.offset() + n * k * p;
            float beta = n == 0 ? 0f : 1f;
            if (g.layout() == Layout.NCHW) {
                ws.sgemm().sgemm(false, true, k, kk, p, 1f, dyb, dyOff, p, col, 0, p, beta, dwb, dwOff, kk);
            } else {
                ws.sgemm().sgemm(true, false, k, kk, p, 1f, dyb, dyOff, k, col, 0, kk, beta, dwb, dwOff, kk);
            }
        }
        if (g.batch() == 0) {
            for (int i = 0; i < dw.length(); i++) {
                dwb.put(dwOff + i, 0f);
            }
        }
    }

    private static int taps(ConvGeometry g) {
        return g.inChannels() * g.kernelHeight() * g.kernelWidth();
    }

    private static int pixels(ConvGeometry g) {
        return g.outHeight() * g.outWidth();
    }

    /** Row of the column matrix that tap (c, r, s) fills: the weight's own offset within one filter. */
    private static int tapRow(ConvGeometry g, int c, int r, int s) {
        return ConvIndex.weight(g, 0, c, r, s);
    }

    private static int colIndex(ConvGeometry g, int row, int pixel) {
        return g.layout() == Layout.NCHW ? row * pixels(g) + pixel : pixel * taps(g) + row;
    }

    private static void im2col(ConvGeometry g, FloatBuffer x, int xOff, int n, FloatBuffer col) {
        for (int c = 0; c < g.inChannels(); c++) {
            for (int r = 0; r < g.kernelHeight(); r++) {
                for (int s = 0; s < g.kernelWidth(); s++) {
                    int row = tapRow(g, c, r, s);
                    for (int oh = 0; oh < g.outHeight(); oh++) {
                        int ih = oh * g.strideHeight() - g.padTop() + r;
                        for (int ow = 0; ow < g.outWidth(); ow++) {
                            int iw = ow * g.strideWidth() - g.padLeft() + s;
                            boolean inside = ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth();
                            float v = inside ? x.get(xOff + ConvIndex.input(g, n, c, ih, iw)) : 0f;
                            col.put(colIndex(g, row, oh * g.outWidth() + ow), v);
                        }
                    }
                }
            }
        }
    }

    /** Adds each column entry back onto the input pixel it came from; image n of dx is overwritten. */
    private static void col2im(ConvGeometry g, FloatBuffer col, FloatBuffer dx, int dxOff, int n) {
        int imageSize = g.inChannels() * g.inHeight() * g.inWidth();
        for (int i = 0; i < imageSize; i++) {
            dx.put(dxOff + n * imageSize + i, 0f);
        }
        for (int c = 0; c < g.inChannels(); c++) {
            for (int r = 0; r < g.kernelHeight(); r++) {
                for (int s = 0; s < g.kernelWidth(); s++) {
                    int row = tapRow(g, c, r, s);
                    for (int oh = 0; oh < g.outHeight(); oh++) {
                        int ih = oh * g.strideHeight() - g.padTop() + r;
                        if (ih < 0 || ih >= g.inHeight()) {
                            continue;
                        }
                        for (int ow = 0; ow < g.outWidth(); ow++) {
                            int iw = ow * g.strideWidth() - g.padLeft() + s;
                            if (iw >= 0 && iw < g.inWidth()) {
                                int at = dxOff + ConvIndex.input(g, n, c, ih, iw);
                                dx.put(at, dx.get(at) + col.get(colIndex(g, row, oh * g.outWidth() + ow)));
                            }
                        }
                    }
                }
            }
        }
    }
}
