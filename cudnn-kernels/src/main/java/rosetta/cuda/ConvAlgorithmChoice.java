package rosetta.cuda;

import java.util.List;
import jcuda.jcudnn.cudnnMathType;
import rosetta.tensor.ops.ConvPass;

/**
 * One cuDNN algorithm chosen for one pass: its number, the math type it runs with, and the scratch
 * memory it needs. Names follow cudnn_cnn.h's enums (cudnnConvolutionFwdAlgo_t,
 * cudnnConvolutionBwdDataAlgo_t, cudnnConvolutionBwdFilterAlgo_t), whose values cuDNN 8 and 9 share.
 */
record ConvAlgorithmChoice(ConvPass pass, int algo, int mathType, long workspaceBytes) {
    private static final List<String> FORWARD = List.of("implicit-gemm", "implicit-precomp-gemm", "gemm", "direct",
            "fft", "fft-tiling", "winograd", "winograd-nonfused");
    private static final List<String> BACKWARD_DATA = List.of("algo-0", "algo-1", "fft", "fft-tiling", "winograd",
            "winograd-nonfused");
    private static final List<String> BACKWARD_FILTER = List.of("algo-0", "algo-1", "fft", "algo-3", "winograd",
            "winograd-nonfused", "fft-tiling");

    /** The algorithm's name as reported with the chosen algorithms, e.g. {@code cudnn:implicit-precomp-gemm/tf32}. */
    String name() {
        List<String> names = names(pass);
        String base = algo >= 0 && algo < names.size() ? names.get(algo) : "algo-" + algo;
        return "cudnn:" + base + (mathType == cudnnMathType.CUDNN_FMA_MATH ? "" : "/tf32");
    }

    /** Whether {@code algo} is one of cuDNN's Winograd algorithms for this pass ({@code winograd=off} drops them). */
    static boolean isWinograd(ConvPass pass, int algo) {
        List<String> names = names(pass);
        return algo >= 0 && algo < names.size() && names.get(algo).startsWith("winograd");
    }

    private static List<String> names(ConvPass pass) {
        return switch (pass) {
            case FORWARD -> FORWARD;
            case BACKWARD_DATA -> BACKWARD_DATA;
            case BACKWARD_FILTER -> BACKWARD_FILTER;
        };
    }
}
