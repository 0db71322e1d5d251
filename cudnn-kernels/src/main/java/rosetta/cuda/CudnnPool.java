package rosetta.cuda;

import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnNanPropagation;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnPoolingMode;
import jcuda.jcudnn.cudnnTensorDescriptor;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.PoolGeometry;
import rosetta.tensor.ops.PoolOps;
import rosetta.tensor.ops.PoolPlan;

/**
 * Max pooling on cudnnPoolingForward/Backward. CUDNN_POOLING_MAX_DETERMINISTIC routes each gradient to
 * one position of its window, as the CPU's argmax does (for distinct values the two agree; the CPU
 * takes the first of equal maxima). NaN propagates, as on the CPU. cuDNN's output size is
 * floor((in + 2 pad - window) / stride) + 1 with the same pad on both sides; a geometry that needs
 * anything else (ceil rounding that adds a window, an asymmetric SAME pad) is refused when planned.
 */
final class CudnnPool implements PoolOps {
    private final CudaBackend backend;

    CudnnPool(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public PoolPlan plan(PoolGeometry g, DType dtype) {
        if (dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("the cuda backend pools FLOAT32 tensors, not " + dtype);
        }
        int cudnnHeight = (g.inHeight() + 2 * g.padTop() - g.windowHeight()) / g.strideHeight() + 1;
        int cudnnWidth = (g.inWidth() + 2 * g.padLeft() - g.windowWidth()) / g.strideWidth() + 1;
        if (cudnnHeight != g.outHeight() || cudnnWidth != g.outWidth()) {
            throw new IllegalArgumentException("the cuda backend pools with cuDNN, whose " + g.windowHeight() + "x"
                    + g.windowWidth() + " stride " + g.strideHeight() + " pooling of " + g.inputShape() + " gives "
                    + cudnnHeight + "x" + cudnnWidth + ", not the " + g.outHeight() + "x" + g.outWidth()
                    + " this geometry asks for (ceil rounding or asymmetric padding); use the cpu backend");
        }
        backend.device.makeCurrent();
        return new Plan(g);
    }

    @Override
    public void forward(PoolPlan plan, Tensor x, Tensor y) {
        Plan p = Plan.of(plan);
        Checks.shapeIs(x, p.geometry.inputShape(), "max-pool input");
        Checks.shapeIs(y, p.geometry.outputShape(), "max-pool output");
        CudaBackend.floats(x, y);
        backend.device.makeCurrent();
        Status.cudnn(JCudnn.cudnnPoolingForward(backend.cudnn, p.pooling, Descriptors.ONE, p.x, DeviceStorage.pointer(x), Descriptors.ZERO, p.y,
                DeviceStorage.pointer(y)), "cudnnPoolingForward");
    }

    @Override
    public void backward(PoolPlan plan, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Plan p = Plan.of(plan);
        Checks.shapeIs(x, p.geometry.inputShape(), "max-pool input");
        Checks.shapeIs(y, p.geometry.outputShape(), "max-pool output");
        Checks.shapeIs(dy, p.geometry.outputShape(), "max-pool output gradient");
        Checks.shapeIs(dx, p.geometry.inputShape(), "max-pool input gradient");
        CudaBackend.floats(x, y, dy, dx);
        backend.device.makeCurrent();
        Status.cudnn(JCudnn.cudnnPoolingBackward(backend.cudnn, p.pooling, Descriptors.ONE, p.y, DeviceStorage.pointer(y), p.y,
                DeviceStorage.pointer(dy), p.x, DeviceStorage.pointer(x), Descriptors.ZERO, p.x, DeviceStorage.pointer(dx)),
                "cudnnPoolingBackward");
    }

    private static final class Plan implements PoolPlan {
        private final PoolGeometry geometry;
        private final cudnnPoolingDescriptor pooling = new cudnnPoolingDescriptor();
        private final cudnnTensorDescriptor x;
        private final cudnnTensorDescriptor y;

        Plan(PoolGeometry g) {
            this.geometry = g;
            Status.cudnn(JCudnn.cudnnCreatePoolingDescriptor(pooling), "cudnnCreatePoolingDescriptor");
            Status.cudnn(JCudnn.cudnnSetPooling2dDescriptor(pooling, cudnnPoolingMode.CUDNN_POOLING_MAX_DETERMINISTIC,
                    cudnnNanPropagation.CUDNN_PROPAGATE_NAN, g.windowHeight(), g.windowWidth(), g.padTop(), g.padLeft(),
                    g.strideHeight(), g.strideWidth()), "cudnnSetPooling2dDescriptor");
            this.x = Descriptors.tensor(g.layout(), g.batch(), g.channels(), g.inHeight(), g.inWidth());
            this.y = Descriptors.tensor(g.layout(), g.batch(), g.channels(), g.outHeight(), g.outWidth());
        }

        static Plan of(PoolPlan plan) {
            if (!(plan instanceof Plan p)) {
                throw new IllegalArgumentException("not a cuda pooling plan: " + plan);
            }
            return p;
        }

        @Override
        public PoolGeometry geometry() {
            return geometry;
        }

        @Override
        public void close() {
            JCudnn.cudnnDestroyPoolingDescriptor(pooling);
            Descriptors.destroy(x);
            Descriptors.destroy(y);
        }
    }
}
