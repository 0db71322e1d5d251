package rosetta.tensor.cpu;

import rosetta.tensor.Tensor;
import rosetta.tensor.gru.GruStepKernels;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.UpdateWeights;

/**
 * The elementwise loops of one GRU step, over a plan's tensors. Index notation: {@code n} batch row,
 * {@code t} step, {@code k} gate block, {@code j} hidden unit. The recurrent pre-activations are gate-major
 * ([3H, N]) so that a gate block is a row range a GEMM can write; everything else is row-major as its
 * shape says.
 */
final class CpuGruStep implements GruStepKernels {
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

    CpuGruStep(CpuGruPlan p) {
        this.spec = p.spec();
        this.batch = p.batch();
        this.steps = p.steps();
        this.hidden = spec.hiddenSize();
        this.reset = spec.resetBlock();
        this.update = spec.updateBlock();
        this.projection = Elements.of(p.buffers.projection);
        this.recurrent = Elements.of(p.buffers.recurrent);
        this.gates = Elements.of(p.buffers.gates);
        this.states = Elements.of(p.buffers.states);
        this.hiddenCandidate = elementsOrNull(p.buffers.hiddenCandidate);
        this.resetStates = elementsOrNull(p.buffers.resetStates);
        this.resetStateGrad = elementsOrNull(p.buffers.resetStateGrad);
    }

    @Override
    public void gates(int t, Tensor recurrentBias) {
        Elements biasHh = elementsOrNull(recurrentBias);
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

    @Override
    public void candidate(int t, Tensor recurrentBias, Tensor output) {
        Elements biasHh = elementsOrNull(recurrentBias);
        Elements y = Elements.of(output);
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
    @Override
    public void backwardThroughUpdate(int t, Tensor outputGrad, Tensor nextStateGrad, Tensor stateGrad) {
        Elements dy = Elements.of(outputGrad);
        Elements dhOut = elementsOrNull(nextStateGrad);
        Elements dhIn = Elements.of(stateGrad);
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

    @Override
    public void backwardThroughReset(int t, Tensor stateGrad) {
        Elements dhIn = Elements.of(stateGrad);
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

    @Override
    public void addRowSums(Tensor gateMajor, Tensor dBias) {
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

    private static Elements elementsOrNull(Tensor t) {
        return t == null ? null : Elements.of(t);
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
