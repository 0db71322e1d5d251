package rosetta.tensor.cpu;

import java.util.List;

/** The CPU's convolution algorithms, in the order the heuristic policy tries them. */
final class ConvAlgorithms {
    private ConvAlgorithms() {
    }

    static List<ConvAlgorithm> candidates() {
        return List.of(new Im2colGemmConv());
    }
}
