package rosetta.tensor.cpu;

/**
 * A Winograd minimal filtering algorithm F(m x m, 3 x 3) (Lavin and Gray, "Fast Algorithms for
 * Convolutional Neural Networks", CVPR 2016): an output tile Y = A^T [(G g G^T) . (B^T d B)] A for a 3x3
 * kernel g and an input tile d of alpha = m + 2 pixels square, alpha^2 multiplies where direct
 * convolution needs 9 m^2. F(2x2) interpolates at 0, 1, -1 and F(4x4) at 0, 1, -1, 2, -2 (the paper's
 * equations (7) and (8); cuDNN's and NNPACK's F(4x4) use the same points).
 *
 * <p>The three 1-D transforms on the hot path are written out, one loop per output row, so that the JIT
 * vectorises them across lanes (see {@link Lanes}); operand j of a transform is row
 * {@code rows[in + j * inStride]}, output k goes to {@code rows[out + k * outStride]}. The kernel transform
 * runs once per call and uses the matrices through {@link Lanes#combine}.
 */
abstract class WinogradTransform {
    static final WinogradTransform F2X2 = new F2();
    static final WinogradTransform F4X4 = new F4();

    /** Output tile side. */
    final int m;
    /** Input tile side, m + 2. */
    final int alpha;
    /** G [alpha][3]: kernel transform. */
    final float[][] g;
    /** G^T [3][alpha]: its adjoint, for the kernel gradient. */
    final float[][] gt;

    private WinogradTransform(int m, float[][] g) {
        this.m = m;
        this.alpha = m + 2;
        this.g = g;
        this.gt = new float[3][alpha];
        for (int i = 0; i < alpha; i++) {
            for (int j = 0; j < 3; j++) {
                gt[j][i] = g[i][j];
            }
        }
    }

    /** The name plans report: {@code winograd-2x2} or {@code winograd-4x4}. */
    String name() {
        return "winograd-" + m + "x" + m;
    }

    /** alpha rows to alpha rows: B^T applied along one axis of input tiles. */
    abstract void input(float[][] rows, int in, int inStride, int out, int outStride, int n);

    /** alpha rows to m rows: A^T applied along one axis of transformed output tiles. */
    abstract void output(float[][] rows, int in, int inStride, int out, int outStride, int n);

    /** m rows to alpha rows: A, the adjoint of {@link #output}, applied to output-gradient tiles. */
    abstract void outputGradient(float[][] rows, int in, int inStride, int out, int outStride, int n);

    private static final class F2 extends WinogradTransform {
        F2() {
            super(2, new float[][] {{1, 0, 0}, {0.5f, 0.5f, 0.5f}, {0.5f, -0.5f, 0.5f}, {0, 0, 1}});
        }

        @Override
        void input(float[][] r, int in, int is, int out, int os, int n) {
            float[] d0 = r[in];
            float[] d1 = r[in + is];
            float[] d2 = r[in + 2 * is];
            float[] d3 = r[in + 3 * is];
            float[] o0 = r[out];
            float[] o1 = r[out + os];
            float[] o2 = r[out + 2 * os];
            float[] o3 = r[out + 3 * os];
            for (int l = 0; l < n; l++) {
                o0[l] = d0[l] - d2[l];
            }
            for (int l = 0; l < n; l++) {
                o1[l] = d1[l] + d2[l];
            }
            for (int l = 0; l < n; l++) {
                o2[l] = d2[l] - d1[l];
            }
            for (int l = 0; l < n; l++) {
                o3[l] = d1[l] - d3[l];
            }
        }

        @Override
        void output(float[][] r, int in, int is, int out, int os, int n) {
            float[] m0 = r[in];
            float[] m1 = r[in + is];
            float[] m2 = r[in + 2 * is];
            float[] m3 = r[in + 3 * is];
            float[] o0 = r[out];
            float[] o1 = r[out + os];
            for (int l = 0; l < n; l++) {
                o0[l] = m0[l] + m1[l] + m2[l];
            }
            for (int l = 0; l < n; l++) {
                o1[l] = m1[l] - m2[l] - m3[l];
            }
        }

        @Override
        void outputGradient(float[][] r, int in, int is, int out, int os, int n) {
            float[] y0 = r[in];
            float[] y1 = r[in + is];
            float[] o0 = r[out];
            float[] o1 = r[out + os];
            float[] o2 = r[out + 2 * os];
            float[] o3 = r[out + 3 * os];
            System.arraycopy(y0, 0, o0, 0, n);
            for (int l = 0; l < n; l++) {
                o1[l] = y0[l] + y1[l];
            }
            for (int l = 0; l < n; l++) {
                o2[l] = y0[l] - y1[l];
            }
            for (int l = 0; l < n; l++) {
                o3[l] = -y1[l];
            }
        }
    }

    private static final class F4 extends WinogradTransform {
        F4() {
            super(4, new float[][] {
                {1 / 4f, 0, 0},
                {-1 / 6f, -1 / 6f, -1 / 6f},
                {-1 / 6f, 1 / 6f, -1 / 6f},
                {1 / 24f, 1 / 12f, 1 / 6f},
                {1 / 24f, -1 / 12f, 1 / 6f},
                {0, 0, 1}});
        }

        @Override
        void input(float[][] r, int in, int is, int out, int os, int n) {
            float[] d0 = r[in];
            float[] d1 = r[in + is];
            float[] d2 = r[in + 2 * is];
            float[] d3 = r[in + 3 * is];
            float[] d4 = r[in + 4 * is];
            float[] d5 = r[in + 5 * is];
            float[] o0 = r[out];
            float[] o1 = r[out + os];
            float[] o2 = r[out + 2 * os];
            float[] o3 = r[out + 3 * os];
            float[] o4 = r[out + 4 * os];
            float[] o5 = r[out + 5 * os];
            for (int l = 0; l < n; l++) {
                o0[l] = 4 * d0[l] - 5 * d2[l] + d4[l];
            }
            for (int l = 0; l < n; l++) {
                o1[l] = d3[l] + d4[l] - 4 * (d1[l] + d2[l]);
            }
            for (int l = 0; l < n; l++) {
                o2[l] = d4[l] - d3[l] + 4 * (d1[l] - d2[l]);
            }
            for (int l = 0; l < n; l++) {
                o3[l] = d4[l] - d2[l] + 2 * (d3[l] - d1[l]);
            }
            for (int l = 0; l < n; l++) {
                o4[l] = d4[l] - d2[l] + 2 * (d1[l] - d3[l]);
            }
            for (int l = 0; l < n; l++) {
                o5[l] = 4 * d1[l] - 5 * d3[l] + d5[l];
            }
        }

        @Override
        void output(float[][] r, int in, int is, int out, int os, int n) {
            float[] m0 = r[in];
            float[] m1 = r[in + is];
            float[] m2 = r[in + 2 * is];
            float[] m3 = r[in + 3 * is];
            float[] m4 = r[in + 4 * is];
            float[] m5 = r[in + 5 * is];
            float[] o0 = r[out];
            float[] o1 = r[out + os];
            float[] o2 = r[out + 2 * os];
            float[] o3 = r[out + 3 * os];
            for (int l = 0; l < n; l++) {
                o0[l] = m0[l] + m1[l] + m2[l] + m3[l] + m4[l];
            }
            for (int l = 0; l < n; l++) {
                o1[l] = m1[l] - m2[l] + 2 * (m3[l] - m4[l]);
            }
            for (int l = 0; l < n; l++) {
                o2[l] = m1[l] + m2[l] + 4 * (m3[l] + m4[l]);
            }
            for (int l = 0; l < n; l++) {
                o3[l] = m1[l] - m2[l] + 8 * (m3[l] - m4[l]) + m5[l];
            }
        }

        @Override
        void outputGradient(float[][] r, int in, int is, int out, int os, int n) {
            float[] y0 = r[in];
            float[] y1 = r[in + is];
            float[] y2 = r[in + 2 * is];
            float[] y3 = r[in + 3 * is];
            float[] o0 = r[out];
            float[] o1 = r[out + os];
            float[] o2 = r[out + 2 * os];
            float[] o3 = r[out + 3 * os];
            float[] o4 = r[out + 4 * os];
            float[] o5 = r[out + 5 * os];
            System.arraycopy(y0, 0, o0, 0, n);
            for (int l = 0; l < n; l++) {
                o1[l] = y0[l] + y1[l] + y2[l] + y3[l];
            }
            for (int l = 0; l < n; l++) {
                o2[l] = y0[l] - y1[l] + y2[l] - y3[l];
            }
            for (int l = 0; l < n; l++) {
                o3[l] = y0[l] + 2 * y1[l] + 4 * y2[l] + 8 * y3[l];
            }
            for (int l = 0; l < n; l++) {
                o4[l] = y0[l] - 2 * y1[l] + 4 * y2[l] - 8 * y3[l];
            }
            System.arraycopy(y3, 0, o5, 0, n);
        }
    }
}
