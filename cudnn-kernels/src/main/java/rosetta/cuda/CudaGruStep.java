package rosetta.cuda;

import rosetta.tensor.Tensor;
import rosetta.tensor.gru.GruBuffers;
import rosetta.tensor.gru.GruStepKernels;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.UpdateWeights;

/**
 * The elementwise kernels of one GRU step (gru.cu) over a plan's tensors, mirroring CpuGruStep method for
 * method; each launches one thread per (batch row, hidden unit). A null bias or a tensor the variant lacks
 * is passed as a null pointer, which the kernels test as CpuGruStep tests for null.
 */
final class CudaGruStep implements GruStepKernels {
    private final Kernels kernels;
    private final GruBuffers b;
    private final int[] shape;
    private final long units;

    CudaGruStep(Kernels kernels, CudaGruPlan p) {
        this.kernels = kernels;
        this.b = p.buffers;
        this.shape = shape(p.spec(), p.batch(), p.steps());
        this.units = (long) p.batch() * p.spec().hiddenSize();
    }

    @Override
    public void gates(int t, Tensor biasHh) {
        kernels.launch(Kernel.GRU_GATES, units, shape, t, DeviceStorage.pointer(b.projection),
                DeviceStorage.pointer(b.recurrent), DeviceStorage.pointerOrNull(biasHh),
                DeviceStorage.pointer(b.states), DeviceStorage.pointer(b.gates),
                DeviceStorage.pointerOrNull(b.resetStates));
    }

    @Override
    public void candidate(int t, Tensor biasHh, Tensor y) {
        kernels.launch(Kernel.GRU_CANDIDATE, units, shape, t, DeviceStorage.pointer(b.projection),
                DeviceStorage.pointer(b.recurrent), DeviceStorage.pointerOrNull(biasHh),
                DeviceStorage.pointerOrNull(b.hiddenCandidate), DeviceStorage.pointer(b.gates),
                DeviceStorage.pointer(b.states), DeviceStorage.pointer(y));
    }

    @Override
    public void backwardThroughUpdate(int t, Tensor dy, Tensor dhOut, Tensor dhIn) {
        kernels.launch(Kernel.GRU_BACKWARD_UPDATE, units, shape, t, DeviceStorage.pointer(dy),
                DeviceStorage.pointerOrNull(dhOut), DeviceStorage.pointer(dhIn), DeviceStorage.pointer(b.gates),
                DeviceStorage.pointer(b.states), DeviceStorage.pointerOrNull(b.hiddenCandidate),
                DeviceStorage.pointer(b.projection), DeviceStorage.pointer(b.recurrent));
    }

    @Override
    public void backwardThroughReset(int t, Tensor dhIn) {
        kernels.launch(Kernel.GRU_BACKWARD_RESET, units, shape, t, DeviceStorage.pointer(b.resetStateGrad),
                DeviceStorage.pointer(dhIn), DeviceStorage.pointer(b.gates), DeviceStorage.pointer(b.states),
                DeviceStorage.pointer(b.projection), DeviceStorage.pointer(b.recurrent));
    }

    @Override
    public void addRowSums(Tensor gateMajor, Tensor dBias) {
        kernels.launch(Kernel.ADD_ROW_SUMS, dBias.size(), dBias.size(), (long) gateMajor.shape().dim(1),
                DeviceStorage.pointer(gateMajor), DeviceStorage.pointer(dBias));
    }

    /** gru.cu's struct GruShape {batch, steps, hidden, reset, update, hardSigmoid, zKeepsState}. */
    static int[] shape(GruSpec spec, int batch, int steps) {
        return new int[] {batch, steps, spec.hiddenSize(), spec.resetBlock(), spec.updateBlock(),
            spec.gateActivation() == GateActivation.HARD_SIGMOID ? 1 : 0,
            spec.updateWeights() == UpdateWeights.OLD_STATE ? 1 : 0};
    }
}
