package rosetta.tensor.cpu;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.ResetGate;

/**
 * The GRU on the CPU, shaped like cuDNN's: one GEMM projects the inputs of all steps, then each step
 * runs one GEMM with the recurrent matrix (two when the reset gate comes before it, whose candidate
 * block needs r first) and plain loops for the gates. Backward walks the steps in reverse, collects the
 * pre-activation gradients of every step, and finishes with one GEMM each for dWeightIh and dx. The
 * loops of a step are in {@link CpuGruStep}: the reference, which FLOAT64 runs. FLOAT32 runs the same
 * formulas split over the threads by batch rows ({@link FloatGru}).
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
        checkInputs(p, x, h0, weightIh, weightHh);
        checkBiases(p, biasIh, biasHh, "biasIh", "biasHh");
        check(p, y, p.outputShape(), "GRU output y");
        if (FloatGru.applies(p.dtype())) {
            floatGru.forward(p, x, h0, weightIh, weightHh, biasIh, biasHh, y);
            p.markForwarded();
            return;
        }
        GruSpec spec = p.spec();
        int hidden = spec.hiddenSize();
        backend.gemm(false, true, 1, flat(x), weightIh, 0, p.projection);
        backend.ops().bias().forward(biasIh, p.projection, 1);
        if (h0 == null) {
            backend.fill(p.state(0), 0);
        } else {
            backend.copy(h0, p.state(0));
        }
        CpuGruStep step = new CpuGruStep(p);
        Elements recurrentBias = biasHh == null ? null : Elements.of(biasHh);
        Elements out = Elements.of(y);
        boolean after = spec.resetGate() == ResetGate.AFTER_MATMUL;
        int stateRows = stateRows(spec);
        for (int t = 0; t < p.steps(); t++) {
            backend.gemm(false, true, 1, weightHh.rows(0, stateRows), p.state(t), 0, p.recurrent.rows(0, stateRows));
            step.gates(t, recurrentBias);
            if (!after) {
                backend.gemm(false, true, 1, candidateRows(weightHh, hidden), p.resetStates.slice(t), 0,
                        candidateRows(p.recurrent, hidden));
            }
            step.candidate(t, recurrentBias, out);
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
        checkInputs(p, x, h0, weightIh, weightHh);
        check(p, y, p.outputShape(), "GRU output y");
        check(p, dy, p.outputShape(), "GRU output gradient dy");
        if (dx != null) {
            check(p, dx, p.inputShape(), "GRU input gradient dx");
        }
        if (dh0 != null) {
            check(p, dh0, p.stateShape(), "GRU initial state gradient dh0");
        }
        check(p, dWeightIh, weightIh.shape(), "GRU gradient dWeightIh");
        check(p, dWeightHh, weightHh.shape(), "GRU gradient dWeightHh");
        checkBiases(p, dBiasIh, dBiasHh, "gradient dBiasIh", "gradient dBiasHh");
        if (FloatGru.applies(p.dtype())) {
            floatGru.backward(p, x, h0, weightIh, weightHh, dy, dx, dh0, dWeightIh, dWeightHh, dBiasIh, dBiasHh);
            return;
        }
        GruSpec spec = p.spec();
        int hidden = spec.hiddenSize();
        boolean after = spec.resetGate() == ResetGate.AFTER_MATMUL;
        int stateRows = stateRows(spec);
        if (dBiasHh != null) {
            backend.fill(dBiasHh, 0);
        }
        CpuGruStep step = new CpuGruStep(p);
        Elements outGrad = Elements.of(dy);
        // dhOut: dL/dh_{t+1} that later steps sent back; dhIn: dL/dh_t, built by this step
        Tensor dhOut = p.nextStateGrad;
        Tensor dhIn = p.stateGrad;
        for (int t = p.steps() - 1; t >= 0; t--) {
            boolean last = t == p.steps() - 1;
            // the weight gradients start at the last step and accumulate over the earlier ones
            double beta = last ? 0 : 1;
            step.backwardThroughUpdate(t, outGrad, last ? null : Elements.of(dhOut), Elements.of(dhIn));
            if (!after) {
                Tensor candidateGrad = candidateRows(p.recurrent, hidden);
                backend.gemm(true, false, 1, candidateGrad, candidateRows(weightHh, hidden), 0, p.resetStateGrad);
                step.backwardThroughReset(t, Elements.of(dhIn));
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
    private static void addRowSums(Tensor gateMajor, Tensor dBias) {
        Elements g = Elements.of(gateMajor);
        Elements db = Elements.of(dBias);
        int cols = gateMajor.shape().dim(1);
        for (int row = 0; row < db.length; row++) {
            double acc = 0;
            for (int n = 0; n < cols; n++) {
                acc += g.get(row * cols + n);
            }
            db.add(row, acc);
        }
    }

    /**
     * Rows of the packed recurrent matrix that multiply h itself: all three blocks, or only the gates when
     * the reset gate comes first and the candidate block multiplies r ⊙ h.
     */
    static int stateRows(GruSpec spec) {
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

    private static void checkInputs(CpuGruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh) {
        check(p, x, p.inputShape(), "GRU input x");
        if (h0 != null) {
            check(p, h0, p.stateShape(), "GRU initial state h0");
        }
        check(p, weightIh, p.weightIhShape, "GRU weightIh");
        check(p, weightHh, p.weightHhShape, "GRU weightHh");
    }

    private static void checkBiases(CpuGruPlan p, Tensor biasIh, Tensor biasHh, String ihName, String hhName) {
        Shape packed = p.biasShape;
        if (!fits(p, biasIh, packed)) {
            check(p, biasIh, packed, "GRU " + ihName);
        }
        if (p.spec().recurrentBias() && biasHh == null) {
            throw new IllegalArgumentException("this GRU has two bias sets: pass the " + hhName + " " + packed);
        }
        if (!p.spec().recurrentBias() && biasHh != null) {
            throw new IllegalArgumentException("this GRU has one bias set: pass null for the " + hhName);
        }
        if (biasHh != null && !fits(p, biasHh, packed)) {
            check(p, biasHh, packed, "GRU " + hhName);
        }
    }

    /** Whether {@link #check} would pass: callers that compose its message test this first, allocating nothing. */
    private static boolean fits(CpuGruPlan p, Tensor t, Shape shape) {
        return t != null && t.shape().equals(shape) && t.dtype() == p.dtype();
    }

    private static void check(CpuGruPlan p, Tensor t, Shape shape, String what) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is missing; expected " + shape);
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException(what + " has shape " + t.shape() + ", expected " + shape
                    + " for " + p);
        }
        if (t.dtype() != p.dtype()) {
            throw new IllegalArgumentException(what + " is " + t.dtype() + " but the plan runs in " + p.dtype());
        }
    }
}
