package rosetta.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnForwardMode;
import jcuda.jcudnn.cudnnWgradMode;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;

/**
 * cuDNN's GRU on its v8 RNN API, which cuDNN 9 keeps (cudnnRNNForward, cudnnRNNBackwardData_v8,
 * cudnnRNNBackwardWeights_v8). cuDNN reads its weights from its packed weight space, so forward first
 * copies the engine's weight and bias blocks there, and backward copies the gradient blocks out of
 * cuDNN's gradient space into the engine's gradient tensors: twelve device-to-device copies each way,
 * queued on the stream like everything else, so the parameters stay ordinary tensors that the
 * optimiser, the initialisers and checkpoints see as on every other backend. Backward uses the weight
 * space as forward filled it (the interface asks for the same weights). h0 null is cuDNN's null hx (a
 * zero initial state); the gradient of the final state is zero (null dhy), as the loss reaches the GRU
 * through y only.
 */
final class CudnnGru {
    /** The linear layer of each cuDNN gate: r, z, n = 0, 1, 2 on the input side, plus 3 on the recurrent side. */
    private static final int RECURRENT = 3;

    private final CudaBackend backend;

    CudnnGru(CudaBackend backend) {
        this.backend = backend;
    }

    /** Whether cuDNN computes this variant: its own formula, in either gate order (the blocks are copied one by one). */
    static boolean runs(GruSpec spec) {
        return spec.resetGate() == ResetGate.AFTER_MATMUL && spec.recurrentBias()
                && spec.gateActivation() == GateActivation.SIGMOID && spec.updateWeights() == UpdateWeights.OLD_STATE;
    }

    void forward(CudnnGruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
            Tensor y) {
        backend.device.makeCurrent();
        int hidden = p.spec().hiddenSize();
        for (int gate = 0; gate < 3; gate++) {
            int block = engineBlock(p.spec(), gate);
            copy(block(weightIh, block, hidden), p.matrix[gate]);
            copy(block(weightHh, block, hidden), p.matrix[RECURRENT + gate]);
            copy(block(biasIh, block, hidden), p.bias[gate]);
            copy(block(biasHh, block, hidden), p.bias[RECURRENT + gate]);
        }
        Status.cudnn(JCudnn.cudnnRNNForward(backend.cudnn, p.rnn, cudnnForwardMode.CUDNN_FWD_MODE_TRAINING,
                DeviceStorage.pointer(p.lengths), p.x, DeviceStorage.pointer(x), p.y, DeviceStorage.pointer(y), p.h,
                DeviceStorage.pointerOrNull(h0), Kernels.NULL, p.h, Kernels.NULL, Kernels.NULL, p.weightBytes, p.weights,
                p.workBytes, p.work, p.reserveBytes, p.reserve), "cudnnRNNForward(" + p + ")");
        p.markForwarded();
    }

    /** cudnnRNNBackwardWeights_v8 only adds (CUDNN_WGRAD_MODE_ADD), so the gradient space is cleared first. */
    void backward(CudnnGruPlan p, Tensor x, Tensor h0, Tensor y, Tensor dy, Tensor dx, Tensor dh0, Tensor dWeightIh,
            Tensor dWeightHh, Tensor dBiasIh, Tensor dBiasHh) {
        backend.device.makeCurrent();
        Pointer hx = DeviceStorage.pointerOrNull(h0);
        Status.cudnn(JCudnn.cudnnRNNBackwardData_v8(backend.cudnn, p.rnn, DeviceStorage.pointer(p.lengths), p.y,
                DeviceStorage.pointer(y), DeviceStorage.pointer(dy), p.x,
                DeviceStorage.pointer(dx != null ? dx : p.unusedInputGrad()), p.h, hx, Kernels.NULL,
                DeviceStorage.pointerOrNull(dh0), p.h, Kernels.NULL, Kernels.NULL, Kernels.NULL, p.weightBytes, p.weights,
                p.workBytes, p.work, p.reserveBytes, p.reserve), "cudnnRNNBackwardData_v8(" + p + ")");
        Status.driver(JCudaDriver.cuMemsetD8Async(p.weightGrads, (byte) 0, p.weightBytes, backend.device.stream),
                "cuMemsetD8Async");
        Status.cudnn(JCudnn.cudnnRNNBackwardWeights_v8(backend.cudnn, p.rnn, cudnnWgradMode.CUDNN_WGRAD_MODE_ADD,
                DeviceStorage.pointer(p.lengths), p.x, DeviceStorage.pointer(x), p.h, hx, p.y, DeviceStorage.pointer(y),
                p.weightBytes, p.weightGrads, p.workBytes, p.work, p.reserveBytes, p.reserve),
                "cudnnRNNBackwardWeights_v8(" + p + ")");
        int hidden = p.spec().hiddenSize();
        for (int gate = 0; gate < 3; gate++) {
            int block = engineBlock(p.spec(), gate);
            copy(p.matrixGrad[gate], block(dWeightIh, block, hidden));
            copy(p.matrixGrad[RECURRENT + gate], block(dWeightHh, block, hidden));
            copy(p.biasGrad[gate], block(dBiasIh, block, hidden));
            copy(p.biasGrad[RECURRENT + gate], block(dBiasHh, block, hidden));
        }
    }

    /** The engine's packed block holding cuDNN's gate r (0), z (1) or n (2). */
    private static int engineBlock(GruSpec spec, int gate) {
        return switch (gate) {
            case 0 -> spec.resetBlock();
            case 1 -> spec.updateBlock();
            default -> GruSpec.CANDIDATE_BLOCK;
        };
    }

    /** Block {@code block} (H rows) of a packed [3H, ...] weight or [3H] bias. */
    private static Tensor block(Tensor packed, int block, int hidden) {
        return packed.rows(block * hidden, (block + 1) * hidden);
    }

    private void copy(Tensor from, CUdeviceptr to) {
        Status.driver(JCudaDriver.cuMemcpyDtoDAsync(to, DeviceStorage.pointer(from), Float.BYTES * from.size(),
                backend.device.stream), "cuMemcpyDtoDAsync");
    }

    private void copy(CUdeviceptr from, Tensor to) {
        Status.driver(JCudaDriver.cuMemcpyDtoDAsync(DeviceStorage.pointer(to), from, Float.BYTES * to.size(),
                backend.device.stream), "cuMemcpyDtoDAsync");
    }
}
