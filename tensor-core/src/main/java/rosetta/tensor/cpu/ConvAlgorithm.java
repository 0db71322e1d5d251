package rosetta.tensor.cpu;

import rosetta.tensor.DType;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;

/**
 * One way of computing the passes of a convolution on the CPU. Each pass overwrites its output and reads
 * its tensors and scratch memory from a {@link ConvCall}; it spreads its work over the call's threads
 * itself, since what splits well differs (images, output channels, tiles). Algorithms are stateless.
 */
interface ConvAlgorithm {
    /** The name plans report, e.g. {@code im2col-gemm}. */
    String name();

    /** Whether this algorithm can compute {@code pass} for this geometry and type. */
    boolean supports(ConvGeometry g, DType dtype, ConvPass pass);

    /**
     * Whether the heuristic policy should take this algorithm where it is supported, with {@code gemm} as
     * the backend's GEMM kernel: false where it is known to lose (the exhaustive policy still times it).
     */
    default boolean pays(ConvGeometry g, ConvPass pass, Sgemm gemm) {
        return true;
    }

    /** Scratch memory {@code pass} needs when run on {@code threads} threads. */
    ConvScratch scratch(ConvGeometry g, ConvPass pass, int threads);

    /** y = conv(x, weight), then the call's epilogue (bias, activation). */
    void forward(ConvCall call);

    /** dx from dy and the weights. */
    void backwardData(ConvCall call);

    /** dWeight from x and dy, summed over the batch in a fixed order for a given thread count. */
    void backwardFilter(ConvCall call);
}
