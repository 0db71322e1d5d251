package rosetta.tensor.ops;

import java.util.Map;

/**
 * A convolution prepared by a backend for one geometry: the chosen algorithm per pass and the scratch
 * memory they need, allocated once. Closing it frees that memory.
 */
public interface ConvPlan extends AutoCloseable {
    ConvGeometry geometry();

    /** Name of the algorithm each pass runs, e.g. {@code im2col-gemm} or {@code winograd-2x2-3x3}. */
    Map<ConvPass, String> algorithms();

    @Override
    void close();
}
