package rosetta.tensor.cpu;

import java.util.List;

/**
 * The CPU's convolution algorithms, in the order the heuristic policy tries them (each where it
 * {@linkplain ConvAlgorithm#pays pays}): the direct path for an RGB first layer when the GEMM is the Java
 * one; Winograd F(4x4) for 3x3 stride-1 layers of at least 16 channels and 8x8 outputs (2.2x to 2.6x faster
 * than im2col on the benchmark VGG's layers, CpuBench), F(2x2) for smaller images; im2col for the rest.
 */
final class ConvAlgorithms {
    private ConvAlgorithms() {
    }

    static List<ConvAlgorithm> candidates() {
        return CANDIDATES;
    }

    private static final List<ConvAlgorithm> CANDIDATES = List.of(
            new DirectConv(),
            new WinogradConv(WinogradTransform.F4X4),
            new WinogradConv(WinogradTransform.F2X2),
            new Im2colGemmConv());
}
