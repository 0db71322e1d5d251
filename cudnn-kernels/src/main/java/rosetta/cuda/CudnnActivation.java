package rosetta.cuda;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnActivationMode;
import jcuda.jcudnn.cudnnNanPropagation;
import jcuda.jcudnn.cudnnTensorDescriptor;
import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.ActivationOps;

/**
 * ReLU, sigmoid and tanh on cudnnActivationForward/Backward over the tensor's elements as one flat
 * row. cuDNN's backward also takes the forward input; all three derivatives are functions of the
 * output (and ReLU's x > 0 is y > 0), so the output is passed in its place, as the interface gives no x.
 */
final class CudnnActivation implements ActivationOps, AutoCloseable {
    private final CudaBackend backend;
    private final Map<Activation, cudnnActivationDescriptor> descriptors = new EnumMap<>(Activation.class);
    /** Flat descriptors by length: a training step asks for the same few every time. */
    private final Map<Integer, cudnnTensorDescriptor> flats = new HashMap<>();

    CudnnActivation(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void forward(Activation kind, Tensor x, Tensor y) {
        Checks.sameSize(x, y);
        CudaBackend.floats(x, y);
        if (x.size() == 0) {
            return;
        }
        backend.device.makeCurrent();
        cudnnTensorDescriptor flat = flat(x.length());
        Status.cudnn(JCudnn.cudnnActivationForward(backend.cudnn, descriptor(kind), Descriptors.ONE, flat,
                DeviceStorage.pointer(x), Descriptors.ZERO, flat, DeviceStorage.pointer(y)), "cudnnActivationForward(" + kind + ")");
    }

    @Override
    public void backward(Activation kind, Tensor y, Tensor dy, Tensor dx) {
        Checks.sameSize(y, dy);
        Checks.sameSize(y, dx);
        CudaBackend.floats(y, dy, dx);
        if (y.size() == 0) {
            return;
        }
        backend.device.makeCurrent();
        cudnnTensorDescriptor flat = flat(y.length());
        Status.cudnn(JCudnn.cudnnActivationBackward(backend.cudnn, descriptor(kind), Descriptors.ONE, flat,
                DeviceStorage.pointer(y), flat, DeviceStorage.pointer(dy), flat, DeviceStorage.pointer(y), Descriptors.ZERO, flat,
                DeviceStorage.pointer(dx)), "cudnnActivationBackward(" + kind + ")");
    }

    private synchronized cudnnActivationDescriptor descriptor(Activation kind) {
        return descriptors.computeIfAbsent(kind, k -> {
            cudnnActivationDescriptor d = new cudnnActivationDescriptor();
            Status.cudnn(JCudnn.cudnnCreateActivationDescriptor(d), "cudnnCreateActivationDescriptor");
            int mode = switch (k) {
                case RELU -> cudnnActivationMode.CUDNN_ACTIVATION_RELU;
                case SIGMOID -> cudnnActivationMode.CUDNN_ACTIVATION_SIGMOID;
                case TANH -> cudnnActivationMode.CUDNN_ACTIVATION_TANH;
            };
            // NaN passes through, as in CpuActivation
            Status.cudnn(JCudnn.cudnnSetActivationDescriptor(d, mode, cudnnNanPropagation.CUDNN_PROPAGATE_NAN, 0.0),
                    "cudnnSetActivationDescriptor");
            return d;
        });
    }

    private synchronized cudnnTensorDescriptor flat(int length) {
        return flats.computeIfAbsent(length, Descriptors::flat);
    }

    @Override
    public synchronized void close() {
        flats.values().forEach(Descriptors::destroy);
        flats.clear();
        descriptors.values().forEach(JCudnn::cudnnDestroyActivationDescriptor);
        descriptors.clear();
    }
}
