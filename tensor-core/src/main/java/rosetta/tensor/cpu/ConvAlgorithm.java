package rosetta.tensor.cpu;

import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;

/**
 * One way of computing the passes of a convolution on the CPU. Each pass overwrites its output. Scratch
 * memory comes from the {@link ConvWorkspace} the plan sized with {@link #workspaceFloats}.
 */
interface ConvAlgorithm {
    String name();

    boolean supports(ConvGeometry g, DType dtype, ConvPass pass);

    /** Scratch floats one call needs. */
    long workspaceFloats(ConvGeometry g, ConvPass pass);

    void forward(ConvGeometry g, Tensor x, Tensor weight, Tensor y, ConvWorkspace ws);

    void backwardData(ConvGeometry g, Tensor dy, Tensor weight, Tensor dx, ConvWorkspace ws);

    void backwardFilter(ConvGeometry g, Tensor x, Tensor dy, Tensor dWeight, ConvWorkspace ws);
}
