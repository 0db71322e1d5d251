package rosetta.cuda;

import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.UpdateWeights;

/**
 * The elementwise kernels of one GRU step (gru.cu) over a plan's tensors, mirroring CpuGruStep method for
 * method; each launches one thread per (batch row, hidden unit). A null bias or a tensor the variant lacks
 * is passed as a null pointer, which the kernels test as CpuGruStep tests for null.
 */
final class CudaGruStep {
    private final Kernels kernels;
    private final CudaGruPlan p;
    private final int[] shape;
    private final long units;

    CudaGruStep(Kernels kernels, CudaGruPlan p) {
        this.kernels = kernels;
        this.p = p;
        this.shape = shape(p.spec(), p.batch(), p.steps());
        this.units = (long) p.batch() * p.spec().hiddenSize();
    }

    /** r and z of step t; with the reset gate before the matmul also r ⊙ h. */
    void gates(int t, Tensor biasHh) {
        kernels.launch(Kernel.GRU_GATES, units, shape, t, DeviceStorage.pointer(p.projection),
                DeviceStorage.pointer(p.recurrent), DeviceStorage.pointerOrNull(biasHh), DeviceStorage.pointer(p.states),
                DeviceStorage.pointer(p.gates), DeviceStorage.pointerOrNull(p.resetStates));
    }

    /** The candidate n and the new state of step t, written to h_{t+1} and to y. */
    void candidate(int t, Tensor biasHh, Tensor y) {
        kernels.launch(Kernel.GRU_CANDIDATE, units, shape, t, DeviceStorage.pointer(p.projection),
                DeviceStorage.pointer(p.recurrent), DeviceStorage.pointerOrNull(biasHh),
                DeviceStorage.pointerOrNull(p.hiddenCandidate), DeviceStorage.pointer(p.gates),
                DeviceStorage.pointer(p.states), DeviceStorage.pointer(y));
    }

    /** From dL/dh_{t+1} (dy of step t plus {@code dhOut}, null at the last step) to the gate gradients. */
    void backwardThroughUpdate(int t, Tensor dy, Tensor dhOut, Tensor dhIn) {
        kernels.launch(Kernel.GRU_BACKWARD_UPDATE, units, shape, t, DeviceStorage.pointer(dy),
                DeviceStorage.pointerOrNull(dhOut), DeviceStorage.pointer(dhIn), DeviceStorage.pointer(p.gates),
                DeviceStorage.pointer(p.states), DeviceStorage.pointerOrNull(p.hiddenCandidate),
                DeviceStorage.pointer(p.projection), DeviceStorage.pointer(p.recurrent));
    }

    /** Reset before the matmul: from dL/d(r ⊙ h) to r's pre-activation gradient and dL/dh_t's share. */
    void backwardThroughReset(int t, Tensor dhIn) {
        kernels.launch(Kernel.GRU_BACKWARD_RESET, units, shape, t, DeviceStorage.pointer(p.resetStateGrad),
                DeviceStorage.pointer(dhIn), DeviceStorage.pointer(p.gates), DeviceStorage.pointer(p.states),
                DeviceStorage.pointer(p.projection), DeviceStorage.pointer(p.recurrent));
    }

    /** gru.cu's struct GruShape {batch, steps, hidden, reset, update, hardSigmoid, zKeepsState}. */
    static int[] shape(GruSpec spec, int batch, int steps) {
        return new int[] {batch, steps, spec.hiddenSize(), spec.resetBlock(), spec.updateBlock(),
            spec.gateActivation() == GateActivation.HARD_SIGMOID ? 1 : 0,
            spec.updateWeights() == UpdateWeights.OLD_STATE ? 1 : 0};
    }
}
