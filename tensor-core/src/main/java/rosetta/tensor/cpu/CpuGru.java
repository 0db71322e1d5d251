package rosetta.tensor.cpu;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.gru.GruArguments;
import rosetta.tensor.gru.GruSequence;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * The GRU on the CPU. The reference, which FLOAT64 runs, is {@link GruSequence}'s GEMMs around the plain
 * loops of {@link CpuGruStep}. FLOAT32 runs the same formulas split over the threads by batch rows
 * ({@link FloatGru}).
 */
final class CpuGru implements GruOps {
    private final Backend backend;
    private final FloatGru floatGru;

    CpuGru(CpuBackend backend) {
        this.backend = backend;
        this.floatGru = new FloatGru(backend);
    }

    @Override
    public GruPlan plan(GruSpec spec, int batch, int steps, DType dtype) {
        return new CpuGruPlan(backend, spec, batch, steps, dtype);
    }

    @Override
    public void forward(GruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
            Tensor biasHh, Tensor y) {
        CpuGruPlan p = CpuGruPlan.of(plan);
        GruArguments.checkForward(p, x, h0, weightIh, weightHh, biasIh, biasHh, y);
        if (FloatGru.applies(p.dtype())) {
            floatGru.forward(p, x, h0, weightIh, weightHh, biasIh, biasHh, y);
        } else {
            GruSequence.forward(backend, p, p.buffers, new CpuGruStep(p), x, h0, weightIh, weightHh, biasIh, biasHh,
                    y);
        }
        p.markForwarded();
    }

    @Override
    public void backward(GruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor y, Tensor dy,
            Tensor dx, Tensor dh0, Tensor dWeightIh, Tensor dWeightHh, Tensor dBiasIh, Tensor dBiasHh) {
        CpuGruPlan p = CpuGruPlan.of(plan);
        if (!p.forwarded()) {
            throw new IllegalStateException("GRU backward needs the forward pass on the same plan first");
        }
        GruArguments.checkBackward(p, x, h0, weightIh, weightHh, y, dy, dx, dh0, dWeightIh, dWeightHh, dBiasIh,
                dBiasHh);
        if (FloatGru.applies(p.dtype())) {
            floatGru.backward(p, x, h0, weightIh, weightHh, dy, dx, dh0, dWeightIh, dWeightHh, dBiasIh, dBiasHh);
        } else {
            GruSequence.backward(backend, p, p.buffers, new CpuGruStep(p), x, weightIh, weightHh, dy, dx, dh0,
                    dWeightIh, dWeightHh, dBiasIh, dBiasHh);
        }
    }
}
