package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.Tensor;
import rosetta.tensor.gru.GruSequence;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;

/**
 * One thread's share of {@link FloatGru}: a range of batch rows [n0, n1) run through the whole sequence,
 * forward or backward, with that thread's GEMM kernel. The loops evaluate {@link CpuGruStep}'s formulas in
 * double and round each stored value to float, as the reference loops do on FLOAT32 tensors. They run on
 * heap copies of the rows ({@link Rows}), moved in and out of the plan's buffers in bulk: element by
 * element, a direct buffer costs several times what an array does in these loops.
 *
 * <p>Layouts: projection [N, T, 3H] (x's batch-first order), gates and recurrent-side gradients
 * [T, N, 3H] (forward keeps a step's recurrent pre-activations for a thread's rows gate-major in the
 * same place), states h_0 .. h_T [T + 1, N, H], the saved r ⊙ h or W_hn h + b_hn [T, N, H], y and dy
 * [N, T, H], state gradients [N, H]. {@code reset}, {@code update} and {@code candidate} are the offsets
 * of the gate blocks in a [3H] row; {@code i} is a row of the thread's range, {@code j} a hidden unit.
 */
final class FloatGruStep {
    private final Operand x = new Operand();
    private final Operand h0 = new Operand();
    private final Operand weightIh = new Operand();
    private final Operand weightHh = new Operand();
    private final Operand y = new Operand();
    private final Operand dy = new Operand();
    private final Operand dx = new Operand();
    private final Operand dh0 = new Operand();
    private final Operand projection = new Operand();
    private final Operand recurrent = new Operand();
    private final Operand gates = new Operand();
    private final Operand states = new Operand();
    private final Operand hiddenCandidate = new Operand();
    private final Operand resetStates = new Operand();
    private final Operand stateGrad = new Operand();
    private final Operand nextStateGrad = new Operand();
    private final Operand resetStateGrad = new Operand();
    private final Operand[] all = {x, h0, weightIh, weightHh, y, dy, dx, dh0, projection, recurrent, gates, states,
        hiddenCandidate, resetStates, stateGrad, nextStateGrad, resetStateGrad};
    private Rows[] rows = new Rows[0];
    /** b_ih and b_hh (zeros with one bias set), [3H] each. */
    private float[] biasIh = new float[0];
    private float[] biasHh = new float[0];
    private int batch;
    private int steps;
    private int input;
    private int hidden;
    private int width;
    private int reset;
    private int update;
    private int candidate;
    private int stateRows;
    private boolean resetAfter;
    private boolean keepsOldState;
    private boolean hardSigmoid;

    /**
     * Aims every operand at one call's tensors, for {@code threads} threads; null tensors are absent (no
     * h0, no dx, no biases in backward, ...).
     */
    void bind(CpuGruPlan p, int threads, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
            Tensor biasHh, Tensor y, Tensor dy, Tensor dx, Tensor dh0) {
        GruSpec spec = p.spec();
        batch = p.batch();
        steps = p.steps();
        input = spec.inputSize();
        hidden = spec.hiddenSize();
        width = 3 * hidden;
        reset = spec.resetBlock() * hidden;
        update = spec.updateBlock() * hidden;
        candidate = GruSpec.CANDIDATE_BLOCK * hidden;
        resetAfter = spec.resetGate() == ResetGate.AFTER_MATMUL;
        stateRows = GruSequence.stateRows(spec);
        keepsOldState = spec.updateWeights() == UpdateWeights.OLD_STATE;
        hardSigmoid = spec.gateActivation() == GateActivation.HARD_SIGMOID;
        this.x.bind(x);
        this.h0.bind(h0);
        this.weightIh.bind(weightIh);
        this.weightHh.bind(weightHh);
        this.y.bind(y);
        this.dy.bind(dy);
        this.dx.bind(dx);
        this.dh0.bind(dh0);
        projection.bind(p.buffers.projection);
        recurrent.bind(p.recurrentSteps);
        gates.bind(p.buffers.gates);
        states.bind(p.buffers.states);
        hiddenCandidate.bind(p.buffers.hiddenCandidate);
        resetStates.bind(p.buffers.resetStates);
        stateGrad.bind(p.buffers.stateGrad);
        nextStateGrad.bind(p.buffers.nextStateGrad);
        resetStateGrad.bind(p.buffers.resetStateGrad);
        if (biasIh != null) {
            this.biasIh = load(biasIh, this.biasIh);
            this.biasHh = biasHh == null ? zeros(this.biasHh) : load(biasHh, this.biasHh);
        }
        if (rows.length < threads) {
            rows = new Rows[threads];
        }
    }

    /** Drops the buffers, so a finished call holds no tensor's memory. */
    void clear() {
        for (Operand o : all) {
            o.bind(null);
        }
    }

    /** Forward of rows [n0, n1): their input projection, then every step. */
    void forwardRows(Sgemm kernel, int worker, int n0, int n1) {
        int count = n1 - n0;
        Rows s = rows(worker, count);
        // the rows are contiguous in x and in the projection: [rows T, 3H] = x [rows T, I] W_ihᵀ
        kernel.sgemm(false, true, count * steps, width, input, 1, x.data, x.at(n0 * steps * input), input,
                weightIh.data, weightIh.offset, input, 0, projection.data, projection.at(n0 * steps * width), width);
        for (int i = n0 * hidden; i < n1 * hidden; i++) {
            states.data.put(states.at(i), h0.present() ? h0.data.get(h0.at(i)) : 0f);
        }
        for (int t = 0; t < steps; t++) {
            int first = t * batch + n0;
            // this step's rows of the recurrent scratch, holding the product gate-major: [stateRows, rows] =
            // W_h· h_tᵀ, for the gate blocks (and the candidate's, reset after the matmul); at these sizes the
            // GEMM runs a third faster in that orientation than row-major
            int block = first * width;
            kernel.sgemm(false, true, stateRows, count, hidden, 1, weightHh.data, weightHh.offset, hidden,
                    states.data, states.at(first * hidden), hidden, 0, recurrent.data, recurrent.at(block), count);
            for (int i = 0; i < count; i++) {
                projection.load(((n0 + i) * steps + t) * width, s.in, i * width, width);
            }
            recurrent.load(block, s.rec, 0, count * stateRows);
            states.load(first * hidden, s.state, 0, count * hidden);
            gates(s, count);
            if (!resetAfter) {
                resetStates.store(first * hidden, s.saved, 0, count * hidden);
                // W_hn (r ⊙ h_t)ᵀ into the candidate block
                kernel.sgemm(false, true, hidden, count, hidden, 1, weightHh.data, weightHh.at(candidate * hidden),
                        hidden, resetStates.data, resetStates.at(first * hidden), hidden, 0, recurrent.data,
                        recurrent.at(block + candidate * count), count);
                recurrent.load(block + candidate * count, s.rec, candidate * count, count * hidden);
            }
            candidate(s, count);
            gates.store(first * width, s.gate, 0, count * width);
            states.store((first + batch) * hidden, s.next, 0, count * hidden);
            if (resetAfter) {
                hiddenCandidate.store(first * hidden, s.saved, 0, count * hidden);
            }
            for (int i = 0; i < count; i++) {
                y.store(((n0 + i) * steps + t) * hidden, s.next, i * hidden, hidden);
            }
        }
    }

    /**
     * Backward of rows [n0, n1) through every step, last first: leaves the input-side pre-activation
     * gradients in the projection and the recurrent-side ones in the recurrent scratch (the weight
     * gradients' GEMMs read both), dL/dh_0 in dh0 and, with dx wanted, the rows' dx.
     */
    void backwardRows(Sgemm kernel, int worker, int n0, int n1) {
        int count = n1 - n0;
        Rows s = rows(worker, count);
        // dhOut: dL/dh_{t+1} that later steps sent back; dhIn: dL/dh_t, built by this step
        Operand dhOut = nextStateGrad;
        Operand dhIn = stateGrad;
        for (int t = steps - 1; t >= 0; t--) {
            int first = t * batch + n0;
            gates.load(first * width, s.gate, 0, count * width);
            states.load(first * hidden, s.state, 0, count * hidden);
            if (resetAfter) {
                hiddenCandidate.load(first * hidden, s.saved, 0, count * hidden);
            }
            for (int i = 0; i < count; i++) {
                dy.load(((n0 + i) * steps + t) * hidden, s.grad, i * hidden, hidden);
            }
            boolean last = t == steps - 1;
            if (!last) {
                dhOut.load(n0 * hidden, s.next, 0, count * hidden);
            }
            backwardThroughUpdate(s, count, last);
            recurrent.store(first * width, s.rec, 0, count * width);
            if (!resetAfter) {
                // dL/d(r ⊙ h_t) = (candidate gradient) W_hn
                kernel.sgemm(false, false, count, hidden, hidden, 1, recurrent.data,
                        recurrent.at(first * width + candidate), width, weightHh.data, weightHh.at(candidate * hidden),
                        hidden, 0, resetStateGrad.data, resetStateGrad.at(n0 * hidden), hidden);
                resetStateGrad.load(n0 * hidden, s.grad, 0, count * hidden);
                backwardThroughReset(s, count);
                recurrent.store(first * width, s.rec, 0, count * width);
            }
            for (int i = 0; i < count; i++) {
                projection.store(((n0 + i) * steps + t) * width, s.in, i * width, width);
            }
            dhIn.store(n0 * hidden, s.dh, 0, count * hidden);
            // dL/dh_t += (recurrent-side gradients) W_h·
            kernel.sgemm(false, false, count, hidden, stateRows, 1, recurrent.data, recurrent.at(first * width),
                    width, weightHh.data, weightHh.offset, hidden, 1, dhIn.data, dhIn.at(n0 * hidden), hidden);
            Operand swap = dhOut;
            dhOut = dhIn;
            dhIn = swap;
        }
        if (dh0.present()) {
            for (int i = n0 * hidden; i < n1 * hidden; i++) {
                dh0.data.put(dh0.at(i), dhOut.data.get(dhOut.at(i)));
            }
        }
        if (dx.present()) {
            // dx [rows T, I] = (input-side gradients) [rows T, 3H] W_ih
            kernel.sgemm(false, false, count * steps, input, width, 1, projection.data,
                    projection.at(n0 * steps * width), width, weightIh.data, weightIh.offset, input, 0,
                    dx.data, dx.at(n0 * steps * input), input);
        }
    }

    /** r and z of the rows (recurrent pre-activations gate-major); with reset before the matmul also r ⊙ h_t. */
    private void gates(Rows s, int count) {
        for (int i = 0; i < count; i++) {
            int g = i * width;
            int u = i * hidden;
            for (int j = 0; j < hidden; j++) {
                double r = activate(s.in[g + reset + j] + biasIh[reset + j] + s.rec[(reset + j) * count + i]
                        + biasHh[reset + j]);
                double z = activate(s.in[g + update + j] + biasIh[update + j] + s.rec[(update + j) * count + i]
                        + biasHh[update + j]);
                s.gate[g + reset + j] = (float) r;
                s.gate[g + update + j] = (float) z;
                if (!resetAfter) {
                    s.saved[u + j] = (float) (r * s.state[u + j]);
                }
            }
        }
    }

    /** The candidate and h_{t+1} of the rows; reset after the matmul also saves W_hn h + b_hn. Gate-major as above. */
    private void candidate(Rows s, int count) {
        for (int i = 0; i < count; i++) {
            int g = i * width;
            int u = i * hidden;
            for (int j = 0; j < hidden; j++) {
                double r = s.gate[g + reset + j];
                double z = s.gate[g + update + j];
                double fromState = s.rec[(candidate + j) * count + i] + biasHh[candidate + j];
                double a = s.in[g + candidate + j] + biasIh[candidate + j];
                if (resetAfter) {
                    s.saved[u + j] = (float) fromState;
                    a += r * fromState;
                } else {
                    a += fromState;
                }
                double cand = tanh(a);
                s.gate[g + candidate + j] = (float) cand;
                double h = s.state[u + j];
                s.next[u + j] = (float) (keepsOldState ? (1 - z) * cand + z * h : z * cand + (1 - z) * h);
            }
        }
    }

    /**
     * From dL/dh_{t+1} (dy of the step plus what the next step sent back, none at the last step) to the
     * pre-activation gradients of z, the candidate and (reset after the matmul) r, input side and
     * recurrent side, and the direct part of dL/dh_t.
     */
    private void backwardThroughUpdate(Rows s, int count, boolean last) {
        for (int i = 0; i < count; i++) {
            int g = i * width;
            int u = i * hidden;
            for (int j = 0; j < hidden; j++) {
                double dh = s.grad[u + j] + (last ? 0 : s.next[u + j]);
                double r = s.gate[g + reset + j];
                double z = s.gate[g + update + j];
                double cand = s.gate[g + candidate + j];
                double h = s.state[u + j];
                double dCand = dh * (keepsOldState ? 1 - z : z);
                double dz = dh * (keepsOldState ? h - cand : cand - h);
                s.dh[u + j] = (float) (dh * (keepsOldState ? z : 1 - z));
                double dCandPre = dCand * (1 - cand * cand);
                float dzPre = (float) (dz * slope(z));
                s.in[g + update + j] = dzPre;
                s.rec[g + update + j] = dzPre;
                s.in[g + candidate + j] = (float) dCandPre;
                if (resetAfter) {
                    s.rec[g + candidate + j] = (float) (dCandPre * r);
                    float drPre = (float) (dCandPre * s.saved[u + j] * slope(r));
                    s.in[g + reset + j] = drPre;
                    s.rec[g + reset + j] = drPre;
                } else {
                    s.rec[g + candidate + j] = (float) dCandPre;
                }
            }
        }
    }

    /** Reset before the matmul: from dL/d(r ⊙ h_t) to r's pre-activation gradient and dL/dh_t's share. */
    private void backwardThroughReset(Rows s, int count) {
        for (int i = 0; i < count; i++) {
            int g = i * width;
            int u = i * hidden;
            for (int j = 0; j < hidden; j++) {
                double d = s.grad[u + j];
                double r = s.gate[g + reset + j];
                s.dh[u + j] = (float) (s.dh[u + j] + d * r);
                float drPre = (float) (d * s.state[u + j] * slope(r));
                s.in[g + reset + j] = drPre;
                s.rec[g + reset + j] = drPre;
            }
        }
    }

    private double activate(double a) {
        return hardSigmoid ? Math.min(1, Math.max(0, 0.2 * a + 0.5)) : 1 / (1 + Math.exp(-a));
    }

    /** The gate activation's derivative, from its output. Hard sigmoid is flat where it clips. */
    private double slope(double g) {
        return hardSigmoid ? (g > 0 && g < 1 ? 0.2 : 0) : g * (1 - g);
    }

    /**
     * tanh through exp: {@code Math.tanh} is a native call (about 30 ns on JDK 17) where {@code Math.exp} is
     * an intrinsic (about 4 ns); the two agree within 4e-16, far below float rounding.
     */
    private static double tanh(double a) {
        return 2 / (1 + Math.exp(-2 * a)) - 1;
    }

    /** This worker's heap rows, grown on first use for {@code count} rows; later calls reuse them. */
    private Rows rows(int worker, int count) {
        Rows s = rows[worker];
        if (s == null || s.count < count || s.hidden != hidden) {
            s = new Rows(count, hidden);
            rows[worker] = s;
        }
        return s;
    }

    private static float[] load(Tensor t, float[] into) {
        float[] out = into.length == t.length() ? into : new float[t.length()];
        CpuStorage.floats(t).get((int) t.offset(), out, 0, out.length);
        return out;
    }

    private float[] zeros(float[] into) {
        float[] out = into.length == width ? into : new float[width];
        java.util.Arrays.fill(out, 0f);
        return out;
    }

    /** One thread's rows of one step, [rows, 3H] or [rows, H]. */
    private static final class Rows {
        final int count;
        final int hidden;
        /** Input-side pre-activations; backward: their gradients. */
        final float[] in;
        /** Recurrent-side pre-activations, gate-major [3H, rows]; backward: their gradients, [rows, 3H]. */
        final float[] rec;
        /** r, z and the candidate. */
        final float[] gate;
        /** h_t. */
        final float[] state;
        /** Forward: h_{t+1}; backward: dL/dh_{t+1} from the next step. */
        final float[] next;
        /** W_hn h + b_hn (reset after the matmul) or r ⊙ h (before). */
        final float[] saved;
        /** Backward: dy of the step, then dL/d(r ⊙ h_t). */
        final float[] grad;
        /** Backward: dL/dh_t. */
        final float[] dh;

        Rows(int count, int hidden) {
            this.count = count;
            this.hidden = hidden;
            in = new float[count * 3 * hidden];
            rec = new float[count * 3 * hidden];
            gate = new float[count * 3 * hidden];
            state = new float[count * hidden];
            next = new float[count * hidden];
            saved = new float[count * hidden];
            grad = new float[count * hidden];
            dh = new float[count * hidden];
        }
    }

    /** A FLOAT32 tensor's buffer and first element, re-aimed at each call's tensors: a call allocates nothing. */
    private static final class Operand {
        FloatBuffer data;
        int offset;

        void bind(Tensor t) {
            data = t == null ? null : CpuStorage.floats(t);
            offset = t == null ? 0 : (int) t.offset();
        }

        boolean present() {
            return data != null;
        }

        int at(int i) {
            return offset + i;
        }

        /** Copies {@code length} elements from element {@code from} to {@code to[toOffset..]}. */
        void load(int from, float[] to, int toOffset, int length) {
            data.get(offset + from, to, toOffset, length);
        }

        /** Copies {@code length} elements of {@code from[fromOffset..]} to element {@code to}. */
        void store(int to, float[] from, int fromOffset, int length) {
            data.put(offset + to, from, fromOffset, length);
        }
    }
}
