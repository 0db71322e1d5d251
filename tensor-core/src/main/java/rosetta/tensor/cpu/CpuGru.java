package rosetta.tensor.cpu;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;

/**
 * The GRU on the CPU, shaped like cuDNN's: one GEMM projects the inputs of all steps, then each step
 * runs one GEMM with the recurrent matrix (two when the reset gate comes before it, whose candidate
 * block needs r first) and plain loops for the gates. Backward walks the steps in reverse, collects the
 * pre-activation gradients of every step, and finishes with one GEMM each for dWeightIh and dx.
 *
 * <p>Index notation in the loops: {@code n} batch row, {@code t} step, {@code k} gate block, {@code j}
 * hidden unit. The recurrent pre-activations are gate-major ([3H, N]) so that a gate block is a row range
 * a GEMM can write; everything else is row-major as its shape says.
 */
final class CpuGru implements GruOps {
    private final Backend backend;

    CpuGru(Backend backend) {
        this.backend = backend;
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
        GruSpec spec = p.spec();
        int hidden = spec.hiddenSize();
        backend.gemm(false, true, 1, flat(x), weightIh, 0, p.projection);
        backend.ops().bias().forward(biasIh, p.projection, 1);
        if (h0 == null) {
            backend.fill(p.state(0), 0);
        } else {
            backend.copy(h0, p.state(0));
        }
        Step step = new Step(p);
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
        GruSpec spec = p.spec();
        int hidden = spec.hiddenSize();
        boolean after = spec.resetGate() == ResetGate.AFTER_MATMUL;
        int stateRows = stateRows(spec);
        if (dBiasHh != null) {
            backend.fill(dBiasHh, 0);
        }
        Step step = new Step(p);
        Elements outGrad = Elements.of(dy);
        Tensor dhOut = p.nextStateGrad;
        Tensor dhIn = p.stateGrad;
        for (int t = p.steps() - 1; t >= 0; t--) {
            boolean last = t == p.steps() - 1;
            double beta = last ? 0 : 1;
            step.backwardThroughUpdate(t, outGrad, last ? null : Elements.of(dhOut), Elements.of(dhIn));
            if (!after) {
                Tensor candidateGrad = candidateRows(p.recurrent, hidden);
                backend.gemm(true, false, 1, candidateGrad, candidateRows(weightHh, hidden), 0, p.resetStateGrad);
                step.backwardThroughReset(t, Elements.of(dhIn));
                backend.gemm(false, false, 1, candidateGrad, p.resetStates.slice(t), beta,
                        candidateRows(dWeightHh, hidden));
            }
            Tensor stateGates = p.recurrent.rows(0, stateRows);
            backend.gemm(true, false, 1, stateGates, weightHh.rows(0, stateRows), 1, dhIn);
            backend.gemm(false, false, 1, stateGates, p.state(t), beta, dWeightHh.rows(0, stateRows));
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

    /** The loops of one step, over the plan's tensors. */
    private static final class Step {
        private final GruSpec spec;
        private final int batch;
        private final int steps;
        private final int hidden;
        private final int reset;
        private final int update;
        private final Elements projection;
        private final Elements recurrent;
        private final Elements gates;
        private final Elements states;
        private final Elements hiddenCandidate;
        private final Elements resetStates;
        private final Elements resetStateGrad;

        Step(CpuGruPlan p) {
            this.spec = p.spec();
            this.batch = p.batch();
            this.steps = p.steps();
            this.hidden = spec.hiddenSize();
            this.reset = spec.resetBlock();
            this.update = spec.updateBlock();
            this.projection = Elements.of(p.projection);
            this.recurrent = Elements.of(p.recurrent);
            this.gates = Elements.of(p.gates);
            this.states = Elements.of(p.states);
            this.hiddenCandidate = p.hiddenCandidate == null ? null : Elements.of(p.hiddenCandidate);
            this.resetStates = p.resetStates == null ? null : Elements.of(p.resetStates);
            this.resetStateGrad = p.resetStateGrad == null ? null : Elements.of(p.resetStateGrad);
        }

        /**
         * r and z of step t from the pre-activations; with reset before the matmul also r ⊙ h. {@code biasHh}
         * is null with one bias set.
         */
        void gates(int t, Elements biasHh) {
            for (int n = 0; n < batch; n++) {
                for (int j = 0; j < hidden; j++) {
                    double r = activate(preActivation(n, t, reset, j) + bias(biasHh, reset, j));
                    double z = activate(preActivation(n, t, update, j) + bias(biasHh, update, j));
                    gates.set(gate(t, n, reset, j), r);
                    gates.set(gate(t, n, update, j), z);
                    if (resetStates != null) {
                        resetStates.set(unit(t, n, j), r * states.get(unit(t, n, j)));
                    }
                }
            }
        }

        /** The candidate n and the new state of step t, written to h_{t+1} and to y. */
        void candidate(int t, Elements biasHh, Elements y) {
            int c = GruSpec.CANDIDATE_BLOCK;
            for (int n = 0; n < batch; n++) {
                for (int j = 0; j < hidden; j++) {
                    double r = gates.get(gate(t, n, reset, j));
                    double z = gates.get(gate(t, n, update, j));
                    double fromState = recurrent.get(recurrentAt(c, j, n)) + bias(biasHh, c, j);
                    double a = projection.get(projectionAt(n, t, c, j));
                    if (hiddenCandidate != null) {
                        hiddenCandidate.set(unit(t, n, j), fromState);
                        a += r * fromState;
                    } else {
                        a += fromState;
                    }
                    double cand = Math.tanh(a);
                    gates.set(gate(t, n, c, j), cand);
                    double h = states.get(unit(t, n, j));
                    double next = spec.updateWeights() == UpdateWeights.OLD_STATE
                            ? (1 - z) * cand + z * h
                            : z * cand + (1 - z) * h;
                    states.set(unit(t + 1, n, j), next);
                    y.set((n * steps + t) * hidden + j, next);
                }
            }
        }

        /**
         * From dL/dh_{t+1} (dy of step t plus what step t+1 sent back, {@code dhOut}, null at the last
         * step) to the gradients of the z and candidate pre-activations, and of r's too when the reset
         * gate comes after the matmul. Writes them to the projection (input side) and to the recurrent
         * scratch (recurrent side: the candidate's is r times it there), and the direct part of dL/dh_t
         * to {@code dhIn}; the GEMM with the recurrent matrix adds the rest.
         */
        void backwardThroughUpdate(int t, Elements dy, Elements dhOut, Elements dhIn) {
            int c = GruSpec.CANDIDATE_BLOCK;
            for (int n = 0; n < batch; n++) {
                for (int j = 0; j < hidden; j++) {
                    double dh = dy.get((n * steps + t) * hidden + j) + (dhOut == null ? 0 : dhOut.get(n * hidden + j));
                    double r = gates.get(gate(t, n, reset, j));
                    double z = gates.get(gate(t, n, update, j));
                    double cand = gates.get(gate(t, n, c, j));
                    double h = states.get(unit(t, n, j));
                    boolean zKeepsState = spec.updateWeights() == UpdateWeights.OLD_STATE;
                    double dCand = dh * (zKeepsState ? 1 - z : z);
                    double dz = dh * (zKeepsState ? h - cand : cand - h);
                    dhIn.set(n * hidden + j, dh * (zKeepsState ? z : 1 - z));
                    double dCandPre = dCand * (1 - cand * cand);
                    double dzPre = dz * slope(z);
                    projection.set(projectionAt(n, t, update, j), dzPre);
                    recurrent.set(recurrentAt(update, j, n), dzPre);
                    projection.set(projectionAt(n, t, c, j), dCandPre);
                    if (hiddenCandidate != null) {
                        recurrent.set(recurrentAt(c, j, n), dCandPre * r);
                        double drPre = dCandPre * hiddenCandidate.get(unit(t, n, j)) * slope(r);
                        projection.set(projectionAt(n, t, reset, j), drPre);
                        recurrent.set(recurrentAt(reset, j, n), drPre);
                    } else {
                        recurrent.set(recurrentAt(c, j, n), dCandPre);
                    }
                }
            }
        }

        /** Reset before the matmul: from dL/d(r ⊙ h) to r's pre-activation gradient and dL/dh_t's share. */
        void backwardThroughReset(int t, Elements dhIn) {
            for (int n = 0; n < batch; n++) {
                for (int j = 0; j < hidden; j++) {
                    double g = resetStateGrad.get(n * hidden + j);
                    double r = gates.get(gate(t, n, reset, j));
                    dhIn.add(n * hidden + j, g * r);
                    double drPre = g * states.get(unit(t, n, j)) * slope(r);
                    projection.set(projectionAt(n, t, reset, j), drPre);
                    recurrent.set(recurrentAt(reset, j, n), drPre);
                }
            }
        }

        private double preActivation(int n, int t, int k, int j) {
            return projection.get(projectionAt(n, t, k, j)) + recurrent.get(recurrentAt(k, j, n));
        }

        private double bias(Elements biasHh, int k, int j) {
            return biasHh == null ? 0 : biasHh.get(k * hidden + j);
        }

        private double activate(double a) {
            return spec.gateActivation() == GateActivation.SIGMOID
                    ? 1 / (1 + Math.exp(-a))
                    : Math.min(1, Math.max(0, 0.2 * a + 0.5));
        }

        /** The gate activation's derivative, from its output. Hard sigmoid is flat where it clips. */
        private double slope(double g) {
            return spec.gateActivation() == GateActivation.SIGMOID
                    ? g * (1 - g)
                    : g > 0 && g < 1 ? 0.2 : 0;
        }

        private int projectionAt(int n, int t, int k, int j) {
            return ((n * steps + t) * 3 + k) * hidden + j;
        }

        private int recurrentAt(int k, int j, int n) {
            return (k * hidden + j) * batch + n;
        }

        private int gate(int t, int n, int k, int j) {
            return ((t * batch + n) * 3 + k) * hidden + j;
        }

        private int unit(int t, int n, int j) {
            return (t * batch + n) * hidden + j;
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

    private static void checkInputs(CpuGruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh) {
        int gateRows = 3 * p.spec().hiddenSize();
        check(p, x, p.inputShape(), "GRU input x");
        if (h0 != null) {
            check(p, h0, p.stateShape(), "GRU initial state h0");
        }
        check(p, weightIh, Shape.of(gateRows, p.spec().inputSize()), "GRU weightIh");
        check(p, weightHh, Shape.of(gateRows, p.spec().hiddenSize()), "GRU weightHh");
    }

    private static void checkBiases(CpuGruPlan p, Tensor biasIh, Tensor biasHh, String ihName, String hhName) {
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
