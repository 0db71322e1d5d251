package rosetta.cuda;

import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.ResetGate;

/**
 * The GRU on the GPU. cuDNN's own form (reset gate after the matmul, two bias sets, sigmoid gates, z
 * keeping the old state; either gate order) runs on cuDNN's RNN API ({@link CudnnGru}), as PyTorch, MXNet
 * and TF's CudnnGRU run it. Every other variant runs as CpuGru does, call for call: one cuBLAS GEMM
 * projects the inputs of all steps, each step runs one GEMM with the recurrent matrix (two with the reset
 * gate before it) and the elementwise kernels of {@link CudaGruStep}, and backward walks the steps in
 * reverse and finishes with one GEMM each for dWeightIh and dx. The plan decides which path a GRU takes.
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
        checkInputs(plan, x, h0, weightIh, weightHh);
        checkBiases(plan, biasIh, biasHh, "biasIh", "biasHh");
        check(plan, y, plan.outputShape(), "GRU output y");
        if (plan instanceof CudnnGruPlan c) {
            cudnn.forward(c, x, h0, weightIh, weightHh, biasIh, biasHh, y);
            return;
        }
        CudaGruPlan p = of(plan);
        GruSpec spec = p.spec();
        int hidden = spec.hiddenSize();
        backend.gemm(false, true, 1, flat(x), weightIh, 0, p.projection);
        backend.ops().bias().forward(biasIh, p.projection, 1);
        if (h0 == null) {
            backend.fill(p.state(0), 0);
        } else {
            backend.copy(h0, p.state(0));
        }
        CudaGruStep step = new CudaGruStep(backend.kernels, p);
        boolean after = spec.resetGate() == ResetGate.AFTER_MATMUL;
        int stateRows = stateRows(spec);
        for (int t = 0; t < p.steps(); t++) {
            backend.gemm(false, true, 1, weightHh.rows(0, stateRows), p.state(t), 0, p.recurrent.rows(0, stateRows));
            step.gates(t, biasHh);
            if (!after) {
                backend.gemm(false, true, 1, candidateRows(weightHh, hidden), p.resetStates.slice(t), 0,
                        candidateRows(p.recurrent, hidden));
            }
            step.candidate(t, biasHh, y);
        }
        p.markForwarded();
    }

    @Override
    public void backward(GruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor y, Tensor dy,
            Tensor dx, Tensor dh0, Tensor dWeightIh, Tensor dWeightHh, Tensor dBiasIh, Tensor dBiasHh) {
        boolean forwarded = plan instanceof CudnnGruPlan c ? c.forwarded() : of(plan).forwarded();
        if (!forwarded) {
            throw new IllegalStateException("GRU backward needs the forward pass on the same plan first");
        }
        checkInputs(plan, x, h0, weightIh, weightHh);
        check(plan, y, plan.outputShape(), "GRU output y");
        check(plan, dy, plan.outputShape(), "GRU output gradient dy");
        if (dx != null) {
            check(plan, dx, plan.inputShape(), "GRU input gradient dx");
        }
        if (dh0 != null) {
            check(plan, dh0, plan.stateShape(), "GRU initial state gradient dh0");
        }
        check(plan, dWeightIh, weightIh.shape(), "GRU gradient dWeightIh");
        check(plan, dWeightHh, weightHh.shape(), "GRU gradient dWeightHh");
        checkBiases(plan, dBiasIh, dBiasHh, "gradient dBiasIh", "gradient dBiasHh");
        if (plan instanceof CudnnGruPlan c) {
            cudnn.backward(c, x, h0, y, dy, dx, dh0, dWeightIh, dWeightHh, dBiasIh, dBiasHh);
            return;
        }
        CudaGruPlan p = of(plan);
        GruSpec spec = p.spec();
        int hidden = spec.hiddenSize();
        boolean after = spec.resetGate() == ResetGate.AFTER_MATMUL;
        int stateRows = stateRows(spec);
        if (dBiasHh != null) {
            backend.fill(dBiasHh, 0);
        }
        CudaGruStep step = new CudaGruStep(backend.kernels, p);
        // dhOut: dL/dh_{t+1} that later steps sent back; dhIn: dL/dh_t, built by this step
        Tensor dhOut = p.nextStateGrad;
        Tensor dhIn = p.stateGrad;
        for (int t = p.steps() - 1; t >= 0; t--) {
            boolean last = t == p.steps() - 1;
            // the weight gradients start at the last step and accumulate over the earlier ones
            double beta = last ? 0 : 1;
            step.backwardThroughUpdate(t, dy, last ? null : dhOut, dhIn);
            if (!after) {
                Tensor candidateGrad = candidateRows(p.recurrent, hidden);
                backend.gemm(true, false, 1, candidateGrad, candidateRows(weightHh, hidden), 0, p.resetStateGrad);
                step.backwardThroughReset(t, dhIn);
                backend.gemm(false, false, 1, candidateGrad, p.resetStates.slice(t), beta,
                        candidateRows(dWeightHh, hidden));
            }
            Tensor fromStateGrad = p.recurrent.rows(0, stateRows);
            backend.gemm(true, false, 1, fromStateGrad, weightHh.rows(0, stateRows), 1, dhIn);
            backend.gemm(false, false, 1, fromStateGrad, p.state(t), beta, dWeightHh.rows(0, stateRows));
            if (dBiasHh != null) {
                addRowSums(p.recurrent, dBiasHh);
            }
            Tensor swap = dhOut;
            dhOut = dhIn;
            dhIn = swap;
        }
        if (dh0 != null) {
            backend.copy(dhOut, dh0);
        }
        backend.gemm(true, false, 1, p.projection, flat(x), 0, dWeightIh);
        backend.ops().bias().backward(p.projection, dBiasIh, 1);
        if (dx != null) {
            backend.gemm(false, false, 1, p.projection, weightIh, 0, flat(dx));
        }
    }

    /** dBias[row] += sum over the batch of a gate-major [3H, N] gradient. */
    private void addRowSums(Tensor gateMajor, Tensor dBias) {
        backend.kernels.launch(Kernel.ADD_ROW_SUMS, dBias.size(), dBias.size(), (long) gateMajor.shape().dim(1),
                DeviceStorage.pointer(gateMajor), DeviceStorage.pointer(dBias));
    }

    /**
     * Rows of the packed recurrent matrix that multiply h itself: all three blocks, or only the gates when
     * the reset gate comes first and the candidate block multiplies r ⊙ h.
     */
    private static int stateRows(GruSpec spec) {
        return (spec.resetGate() == ResetGate.AFTER_MATMUL ? 3 : 2) * spec.hiddenSize();
    }

    private static Tensor candidateRows(Tensor packed, int hidden) {
        return packed.rows(GruSpec.CANDIDATE_BLOCK * hidden, (GruSpec.CANDIDATE_BLOCK + 1) * hidden);
    }

    /** [N, T, F] seen as [N T, F]: every step of every sequence is one GEMM row. */
    private static Tensor flat(Tensor sequence) {
        Shape s = sequence.shape();
        return sequence.reshape(Shape.of(s.dim(0) * s.dim(1), s.dim(2)));
    }

    private static CudaGruPlan of(GruPlan plan) {
        if (!(plan instanceof CudaGruPlan p)) {
            throw new IllegalArgumentException("not a cuda GRU plan: " + plan);
        }
        return p;
    }

    private static void checkInputs(GruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh) {
        int gateRows = 3 * p.spec().hiddenSize();
        check(p, x, p.inputShape(), "GRU input x");
        if (h0 != null) {
            check(p, h0, p.stateShape(), "GRU initial state h0");
        }
        check(p, weightIh, Shape.of(gateRows, p.spec().inputSize()), "GRU weightIh");
        check(p, weightHh, Shape.of(gateRows, p.spec().hiddenSize()), "GRU weightHh");
    }

    private static void checkBiases(GruPlan p, Tensor biasIh, Tensor biasHh, String ihName, String hhName) {
        Shape packed = Shape.of(3 * p.spec().hiddenSize());
        check(p, biasIh, packed, "GRU " + ihName);
        if (p.spec().recurrentBias() && biasHh == null) {
            throw new IllegalArgumentException("this GRU has two bias sets: pass the " + hhName + " " + packed);
        }
        if (!p.spec().recurrentBias() && biasHh != null) {
            throw new IllegalArgumentException("this GRU has one bias set: pass null for the " + hhName);
        }
        if (biasHh != null) {
            check(p, biasHh, packed, "GRU " + hhName);
        }
    }

    /** Shape, FLOAT32 and GPU memory, as CpuGru checks shape and type. */
    private static void check(GruPlan p, Tensor t, Shape shape, String what) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is missing; expected " + shape);
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException(what + " has shape " + t.shape() + ", expected " + shape + " for " + p);
        }
        if (t.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(what + " is " + t.dtype() + " but the plan runs in FLOAT32");
        }
        CudaBackend.expect(t, DType.FLOAT32);
    }
}
