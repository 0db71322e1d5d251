package rosetta.cuda;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnMathType;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvOps;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;

/**
 * Convolution on cuDNN's legacy API (cudnnConvolutionForward, BackwardData, BackwardFilter,
 * BackwardBias, cudnnAddTensor for the forward bias), which cuDNN 9 still exports. The policy picks
 * each pass's algorithm as {@link ConvAlgorithmSearch} describes; an exhaustive search runs once per
 * geometry and its result is cached. All plans share one workspace, grown to the largest any plan
 * needs: the passes run one after another on the backend's stream.
 */
final class CudnnConv implements ConvOps, AutoCloseable {
    private final CudaBackend backend;
    private final Map<String, Map<ConvPass, ConvAlgorithmChoice>> searched = new HashMap<>();
    private CUdeviceptr workspace;
    private long workspaceBytes;

    CudnnConv(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public ConvPlan plan(ConvGeometry g, DType dtype, AlgorithmPolicy policy) {
        if (dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("the cuda backend convolves FLOAT32 tensors, not " + dtype);
        }
        backend.device.makeCurrent();
        int math = backend.tf32() ? cudnnMathType.CUDNN_DEFAULT_MATH : cudnnMathType.CUDNN_FMA_MATH;
        CudnnConvPlan plan = new CudnnConvPlan(g, math);
        try {
            Map<ConvPass, ConvAlgorithmChoice> choices = policy.search() == AlgorithmPolicy.Search.EXHAUSTIVE
                    ? searched.computeIfAbsent(g + "/" + policy + "/" + backend.tf32(), k -> timeAll(plan, policy))
                    : heuristic(plan, policy);
            choices.values().forEach(plan::choose);
            ensureWorkspace(plan.workspaceBytes());
            return plan;
        } catch (RuntimeException e) {
            plan.close();
            throw e;
        }
    }

    private Map<ConvPass, ConvAlgorithmChoice> heuristic(CudnnConvPlan plan, AlgorithmPolicy policy) {
        Map<ConvPass, ConvAlgorithmChoice> out = new EnumMap<>(ConvPass.class);
        for (ConvPass pass : ConvPass.values()) {
            List<ConvAlgorithmSearch.Candidate> ranked = ConvAlgorithmSearch.heuristic(backend.cudnn, plan, pass);
            out.put(pass, ConvAlgorithmSearch.pick(pass, ranked, policy, backend.tf32(), plan.geometry.toString()));
        }
        return out;
    }

    /** cudnnFind on scratch tensors, with as much workspace as the policy allows and half the free memory. */
    private Map<ConvPass, ConvAlgorithmChoice> timeAll(CudnnConvPlan plan, AlgorithmPolicy policy) {
        ConvGeometry g = plan.geometry;
        long searchBytes = Math.min(policy.workspaceLimitBytes(), backend.device.memoryInfo()[0] / 2);
        Map<ConvPass, ConvAlgorithmChoice> out = new EnumMap<>(ConvPass.class);
        try (Tensor x = backend.allocate(DType.FLOAT32, g.inputShape());
             Tensor w = backend.allocate(DType.FLOAT32, g.weightShape());
             Tensor y = backend.allocate(DType.FLOAT32, g.outputShape())) {
            CUdeviceptr scratch = backend.memory.allocate(Math.max(1, searchBytes));
            try {
                for (ConvPass pass : ConvPass.values()) {
                    List<ConvAlgorithmSearch.Candidate> ranked = ConvAlgorithmSearch.exhaustive(backend.cudnn, plan, pass,
                            DeviceStorage.pointer(x), DeviceStorage.pointer(w), DeviceStorage.pointer(y), scratch,
                            searchBytes);
                    out.put(pass, ConvAlgorithmSearch.pick(pass, ranked, policy, backend.tf32(), g.toString()));
                }
            } finally {
                backend.memory.release(scratch, Math.max(1, searchBytes));
            }
        }
        return out;
    }

    private void ensureWorkspace(long bytes) {
        if (bytes > workspaceBytes) {
            if (workspace != null) {
                backend.memory.release(workspace, workspaceBytes);
            }
            workspace = backend.memory.allocate(bytes);
            workspaceBytes = bytes;
        }
    }

    private Pointer workspace() {
        return workspace == null ? Kernels.NULL : workspace;
    }

    @Override
    public void forward(ConvPlan plan, Tensor x, Tensor weight, Tensor bias, Activation activation, Tensor y) {
        CudnnConvPlan p = CudnnConvPlan.of(plan);
        ConvGeometry g = p.geometry;
        Checks.shapeIs(x, g.inputShape(), "convolution input");
        Checks.shapeIs(weight, g.weightShape(), "convolution weight");
        Checks.shapeIs(y, g.outputShape(), "convolution output");
        CudaBackend.floats(x, weight, y);
        backend.device.makeCurrent();
        ConvAlgorithmChoice c = p.choice(ConvPass.FORWARD);
        Status.cudnn(JCudnn.cudnnConvolutionForward(backend.cudnn, Descriptors.ONE, p.x, DeviceStorage.pointer(x), p.weight,
                DeviceStorage.pointer(weight), p.convolution(ConvPass.FORWARD), c.algo(), workspace(), workspaceBytes,
                Descriptors.ZERO, p.y, DeviceStorage.pointer(y)), "cudnnConvolutionForward(" + c.name() + ")");
        if (bias != null) {
            Checks.shapeIs(bias, g.biasShape(), "convolution bias");
            CudaBackend.floats(bias);
            Status.cudnn(JCudnn.cudnnAddTensor(backend.cudnn, Descriptors.ONE, p.bias, DeviceStorage.pointer(bias), Descriptors.ONE, p.y,
                    DeviceStorage.pointer(y)), "cudnnAddTensor");
        }
        if (activation != null) {
            // in place on y, as cudnnConvolutionBiasActivationForward would, in a second pass
            backend.ops().activation().forward(activation, y, y);
        }
    }

    @Override
    public void backwardData(ConvPlan plan, Tensor dy, Tensor weight, Tensor dx) {
        CudnnConvPlan p = CudnnConvPlan.of(plan);
        ConvGeometry g = p.geometry;
        Checks.shapeIs(dy, g.outputShape(), "convolution output gradient");
        Checks.shapeIs(weight, g.weightShape(), "convolution weight");
        Checks.shapeIs(dx, g.inputShape(), "convolution input gradient");
        CudaBackend.floats(dy, weight, dx);
        backend.device.makeCurrent();
        ConvAlgorithmChoice c = p.choice(ConvPass.BACKWARD_DATA);
        Status.cudnn(JCudnn.cudnnConvolutionBackwardData(backend.cudnn, Descriptors.ONE, p.weight, DeviceStorage.pointer(weight),
                p.y, DeviceStorage.pointer(dy), p.convolution(ConvPass.BACKWARD_DATA), c.algo(), workspace(),
                workspaceBytes, Descriptors.ZERO, p.x, DeviceStorage.pointer(dx)), "cudnnConvolutionBackwardData(" + c.name() + ")");
    }

    @Override
    public void backwardFilter(ConvPlan plan, Tensor x, Tensor dy, Tensor dWeight) {
        CudnnConvPlan p = CudnnConvPlan.of(plan);
        ConvGeometry g = p.geometry;
        Checks.shapeIs(x, g.inputShape(), "convolution input");
        Checks.shapeIs(dy, g.outputShape(), "convolution output gradient");
        Checks.shapeIs(dWeight, g.weightShape(), "convolution weight gradient");
        CudaBackend.floats(x, dy, dWeight);
        backend.device.makeCurrent();
        ConvAlgorithmChoice c = p.choice(ConvPass.BACKWARD_FILTER);
        Status.cudnn(JCudnn.cudnnConvolutionBackwardFilter(backend.cudnn, Descriptors.ONE, p.x, DeviceStorage.pointer(x), p.y,
                DeviceStorage.pointer(dy), p.convolution(ConvPass.BACKWARD_FILTER), c.algo(), workspace(),
                workspaceBytes, Descriptors.ZERO, p.weight, DeviceStorage.pointer(dWeight)),
                "cudnnConvolutionBackwardFilter(" + c.name() + ")");
    }

    @Override
    public void backwardBias(ConvPlan plan, Tensor dy, Tensor dBias) {
        CudnnConvPlan p = CudnnConvPlan.of(plan);
        ConvGeometry g = p.geometry;
        Checks.shapeIs(dy, g.outputShape(), "convolution output gradient");
        Checks.shapeIs(dBias, g.biasShape(), "convolution bias gradient");
        CudaBackend.floats(dy, dBias);
        backend.device.makeCurrent();
        Status.cudnn(JCudnn.cudnnConvolutionBackwardBias(backend.cudnn, Descriptors.ONE, p.y, DeviceStorage.pointer(dy), Descriptors.ZERO,
                p.bias, DeviceStorage.pointer(dBias)), "cudnnConvolutionBackwardBias");
    }

    @Override
    public void close() {
        if (workspace != null) {
            backend.memory.release(workspace, workspaceBytes);
            workspace = null;
            workspaceBytes = 0;
        }
    }
}
