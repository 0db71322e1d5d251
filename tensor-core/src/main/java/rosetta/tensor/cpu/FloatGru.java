package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.gru.GruBuffers;
import rosetta.tensor.gru.GruSequence;
import rosetta.tensor.ops.GruSpec;

/**
 * The FLOAT32 path of {@link CpuGru}. Batch rows never meet in a GRU until the weight gradients sum over
 * them, so each thread takes a contiguous range of batch rows and runs it through the whole sequence on
 * its own, with its own single-threaded GEMM kernel: its rows' input projection, then step by step its
 * rows of the recurrent product and of the gate loops ({@link FloatGruStep}). A pass is one dispatch to
 * the threads, not one per step. Backward walks each range back through time the same way, keeping every
 * step's pre-activation gradients, so that each weight gradient is then one GEMM over all steps, split
 * over the threads by output elements. Every element is computed by one thread in a fixed order: the same
 * bits for the same thread count.
 */
final class FloatGru {
    private final CpuBackend backend;
    private final FloatGruStep step = new FloatGruStep();

    /** The backend's fields are read at call time: the backend builds its ops before its threads. */
    FloatGru(CpuBackend backend) {
        this.backend = backend;
    }

    static boolean applies(DType dtype) {
        return dtype == DType.FLOAT32;
    }

    void forward(CpuGruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
            Tensor biasHh, Tensor y) {
        step.bind(plan, backend.threads(), x, h0, weightIh, weightHh, biasIh, biasHh, y, null, null, null);
        backend.workers().forEach(plan.batch(), this, FloatGru::forwardRows);
        step.clear();
    }

    void backward(CpuGruPlan plan, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor dy, Tensor dx,
            Tensor dh0, Tensor dWeightIh, Tensor dWeightHh, Tensor dBiasIh, Tensor dBiasHh) {
        step.bind(plan, backend.threads(), x, h0, weightIh, weightHh, null, null, null, dy, dx, dh0);
        backend.workers().forEach(plan.batch(), this, FloatGru::backwardRows);
        step.clear();
        int hidden = plan.spec().hiddenSize();
        int gateRows = 3 * hidden;
        int input = plan.spec().inputSize();
        int rows = plan.steps() * plan.batch();
        int candidate = GruSpec.CANDIDATE_BLOCK * hidden;
        Sgemm gemm = backend.sgemm();
        // dW_hh = sum over steps of (recurrent-side gradients)ᵀ h_t: states h_0 .. h_{T-1} are the first T N rows
        GruBuffers b = plan.buffers;
        gemm.sgemm(true, false, GruSequence.stateRows(plan.spec()), hidden, rows, 1, floats(plan.recurrentSteps), 0,
                gateRows, floats(b.states), 0, hidden, 0, floats(dWeightHh), offset(dWeightHh), hidden);
        if (b.resetStates != null) {
            // the candidate block multiplied r ⊙ h
            gemm.sgemm(true, false, hidden, hidden, rows, 1, floats(plan.recurrentSteps), candidate, gateRows,
                    floats(b.resetStates), 0, hidden, 0, floats(dWeightHh), offset(dWeightHh) + candidate * hidden,
                    hidden);
        }
        // dW_ih = (input-side gradients)ᵀ x, all rows of all steps
        gemm.sgemm(true, false, gateRows, input, rows, 1, floats(b.projection), 0, gateRows, floats(x), offset(x),
                input, 0, floats(dWeightIh), offset(dWeightIh), input);
        backend.ops().bias().backward(b.projection, dBiasIh, 1);
        if (dBiasHh != null) {
            backend.ops().bias().backward(plan.recurrentSteps, dBiasHh, 2);
        }
    }

    private static void forwardRows(FloatGru g, int worker, int from, int to) {
        g.step.forwardRows(g.backend.kernels()[worker], worker, from, to);
    }

    private static void backwardRows(FloatGru g, int worker, int from, int to) {
        g.step.backwardRows(g.backend.kernels()[worker], worker, from, to);
    }

    private static FloatBuffer floats(Tensor t) {
        return CpuStorage.floats(t);
    }

    private static int offset(Tensor t) {
        return (int) t.offset();
    }
}
