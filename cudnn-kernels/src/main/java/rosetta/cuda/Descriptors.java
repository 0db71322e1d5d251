package rosetta.cuda;

import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.jcudnn.cudnnTensorFormat;
import rosetta.tensor.Layout;

/** cuDNN tensor and filter descriptors for FLOAT32 data (the only type the GPU trains in). */
final class Descriptors {
    /** cuDNN's alpha and beta scale factors, host floats for FLOAT32 data: y = 1 op(x) + 0 y overwrites. */
    static final Pointer ONE = Pointer.to(new float[] {1f});
    static final Pointer ZERO = Pointer.to(new float[] {0f});

    private Descriptors() {
    }

    /** A 4-D image batch in the given layout; cuDNN takes the sizes as N, C, H, W whatever the layout. */
    static cudnnTensorDescriptor tensor(Layout layout, int n, int c, int h, int w) {
        cudnnTensorDescriptor d = new cudnnTensorDescriptor();
        Status.cudnn(JCudnn.cudnnCreateTensorDescriptor(d), "cudnnCreateTensorDescriptor");
        Status.cudnn(JCudnn.cudnnSetTensor4dDescriptor(d, format(layout), cudnnDataType.CUDNN_DATA_FLOAT, n, c, h, w),
                "cudnnSetTensor4dDescriptor(" + layout + " " + n + "x" + c + "x" + h + "x" + w + ")");
        return d;
    }

    /** {@code length} contiguous elements, for elementwise cuDNN operations. */
    static cudnnTensorDescriptor flat(int length) {
        return tensor(Layout.NCHW, 1, 1, 1, length);
    }

    /** Weights [K, C, R, S] in NCHW, [K, R, S, C] in NHWC (ConvGeometry's weight shapes). */
    static cudnnFilterDescriptor filter(Layout layout, int k, int c, int r, int s) {
        cudnnFilterDescriptor d = new cudnnFilterDescriptor();
        Status.cudnn(JCudnn.cudnnCreateFilterDescriptor(d), "cudnnCreateFilterDescriptor");
        Status.cudnn(JCudnn.cudnnSetFilter4dDescriptor(d, cudnnDataType.CUDNN_DATA_FLOAT, format(layout), k, c, r, s),
                "cudnnSetFilter4dDescriptor(" + layout + " " + k + "x" + c + "x" + r + "x" + s + ")");
        return d;
    }

    static void destroy(cudnnTensorDescriptor d) {
        Status.cudnn(JCudnn.cudnnDestroyTensorDescriptor(d), "cudnnDestroyTensorDescriptor");
    }

    static void destroy(cudnnFilterDescriptor d) {
        Status.cudnn(JCudnn.cudnnDestroyFilterDescriptor(d), "cudnnDestroyFilterDescriptor");
    }

    private static int format(Layout layout) {
        return layout == Layout.NCHW ? cudnnTensorFormat.CUDNN_TENSOR_NCHW : cudnnTensorFormat.CUDNN_TENSOR_NHWC;
    }
}
