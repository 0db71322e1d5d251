package rosetta.tensor.ops;

/**
 * How a backend picks a convolution algorithm per layer shape and pass. {@code HEURISTIC} decides by a
 * fixed rule without running anything (cudnnGetConvolution*Algorithm); {@code EXHAUSTIVE} times every
 * applicable algorithm once per shape and keeps the fastest (cudnnFindConvolution*Algorithm, PyTorch's
 * {@code cudnn.benchmark=True}, Caffe2's {@code cudnn_exhaustive_search}). {@code winograd=false} removes
 * the Winograd algorithms from both. The workspace limit bounds the scratch memory an algorithm may use
 * (Caffe2 64 MiB, TensorFlow 4 GiB).
 */
public record AlgorithmPolicy(Search search, boolean winograd, long workspaceLimitBytes) {

    public enum Search { HEURISTIC, EXHAUSTIVE }

    public static AlgorithmPolicy defaults() {
        return new AlgorithmPolicy(Search.HEURISTIC, true, 1L << 30);
    }
}
