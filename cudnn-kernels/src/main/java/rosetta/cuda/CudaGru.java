package rosetta.cuda;

import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.gru.GruArguments;
import rosetta.tensor.gru.GruSequence;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The GRU on the GPU. cuDNN's own form (reset gate after the matmul, two bias sets, sigmoid gates, z
 * keeping the old state; either gate order) runs on cuDNN's RNN API ({@link CudnnGru}), as PyTorch, MXNet
 * and TF's CudnnGRU run it. Every other variant runs as the CPU's reference does, call for call:
 * {@link GruSequence}'s cuBLAS GEMMs around the elementwise kernels of {@link CudaGruStep}. The plan
 * decides which path a GRU takes.
 */
final class CudaGru implements GruOps {
    private final CudaBackend backend;
    private final CudnnGru cudnn;

    CudaGru(CudaBackend backend) {
        this.backend = backend;
        this.cudnn = new CudnnGru(backend);
    }

    @Override
    public GruPlan plan(GruSpec spec, int batch, int steps, DType dtype) {
        if (batch <= 0 || steps <= 0) {
            throw new IllegalArgumentException("a GRU plan needs a positive batch and sequence length, got batch "
                    + batch + ", steps " + steps);
        }
        if (dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("the cuda backend runs a GRU in FLOAT32, not " + dtype);
        }
        backend.device.makeCurrent();
        return CudnnGru.runs(spec) ? new CudnnGruPlan(backend, spec, batch, steps)
                : new CudaGruPlan(backend, spec, batch, steps);
    }

    @Override
    public void forward(GruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
            Tensor biasHh, Tensor y) {
        GruArguments.checkForward(plan, x, h0, weightIh, weightHh, biasIh, biasHh, y);
        onDevice(x, h0, weightIh, weightHh, biasIh, biasHh, y);
        if (plan instanceof CudnnGruPlan c) {
            cudnn.forward(c, x, h0, weightIh, weightHh, biasIh, biasHh, y);
            return;
        }
        CudaGruPlan p = of(plan);
        GruSequence.forward(backend, p, p.buffers, new CudaGruStep(backend.kernels, p), x, h0, weightIh, weightHh,
                biasIh, biasHh, y);
        p.markForwarded();
    }

    @Override
    public void backward(GruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor y, Tensor dy,
            Tensor dx, Tensor dh0, Tensor dWeightIh, Tensor dWeightHh, Tensor dBiasIh, Tensor dBiasHh) {
        boolean forwarded = plan instanceof CudnnGruPlan c ? c.forwarded() : of(plan).forwarded();
        if (!forwarded) {
            throw new IllegalStateException("GRU backward needs the forward pass on the same plan first");
        }
        GruArguments.checkBackward(plan, x, h0, weightIh, weightHh, y, dy, dx, dh0, dWeightIh, dWeightHh, dBiasIh,
                dBiasHh);
        onDevice(x, h0, weightIh, weightHh, y, dy, dx, dh0, dWeightIh, dWeightHh, dBiasIh, dBiasHh);
        if (plan instanceof CudnnGruPlan c) {
            cudnn.backward(c, x, h0, y, dy, dx, dh0, dWeightIh, dWeightHh, dBiasIh, dBiasHh);
            return;
        }
        CudaGruPlan p = of(plan);
        GruSequence.backward(backend, p, p.buffers, new CudaGruStep(backend.kernels, p), x, weightIh, weightHh, dy,
                dx, dh0, dWeightIh, dWeightHh, dBiasIh, dBiasHh);
    }

    private static CudaGruPlan of(GruPlan plan) {
        if (!(plan instanceof CudaGruPlan p)) {
            throw new IllegalArgumentException("not a cuda GRU plan: " + plan);
        }
        return p;
    }

    /** The arguments given (null ones are absent) are in this backend's GPU memory. */
    private static void onDevice(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null) {
                CudaBackend.expect(t, DType.FLOAT32);
            }
        }
    }
}
