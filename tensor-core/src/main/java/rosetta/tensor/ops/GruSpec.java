package rosetta.tensor.ops;

/**
 * The formula of one GRU layer, in every variant the benchmark's frameworks use. For input x, previous
 * state h, gates act = {@link GateActivation} and ⊙ the elementwise product:
 * <pre>
 *   r = act(W_ir x + b_ir + W_hr h + b_hr)            reset gate
 *   z = act(W_iz x + b_iz + W_hz h + b_hz)            update gate
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))     candidate, reset AFTER_MATMUL
 *   n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)     candidate, reset BEFORE_MATMUL
 *   h' = (1 - z) ⊙ n + z ⊙ h                          UpdateWeights.OLD_STATE
 *   h' = z ⊙ n + (1 - z) ⊙ h                          UpdateWeights.CANDIDATE
 * </pre>
 * The recurrent biases b_h* exist only with {@code recurrentBias}. Weights are packed as PyTorch's
 * {@code weight_ih [3H, I]} and {@code weight_hh [3H, H]}, biases as {@code [3H]}: three blocks of H rows,
 * the two gates in {@link GateOrder} and then the candidate, which comes last in every framework.
 */
public record GruSpec(int inputSize, int hiddenSize, ResetGate resetGate, boolean recurrentBias,
        UpdateWeights updateWeights, GateActivation gateActivation, GateOrder gateOrder) {

    /** Where the reset gate meets the recurrent matrix product in the candidate. */
    public enum ResetGate {
        /**
         * r ⊙ (W_hn h + b_hn): cuDNN's form, so PyTorch {@code nn.GRU} (torch/nn/_functions/rnn.py GRUCell
         * @v0.3.0), MXNet and Gluon {@code GRU}, TF {@code CudnnGRU}, Keras {@code CuDNNGRU} and
         * {@code GRU(reset_after=True)} (2.1.5+), Caffe2 {@code linear_before_reset=True}, Chainer
         * {@code NStepGRU}, Lasagne {@code GRULayer}.
         */
        AFTER_MATMUL,
        /**
         * W_hn (r ⊙ h): TF {@code GRUCell} (rnn_cell_impl.py @v1.4.0), Keras {@code GRU} by default
         * (keras/layers/recurrent.py @2.0.8), CNTK {@code layers.GRU} (layers/blocks.py), Caffe2
         * {@code GRUUnit} (gru_cell.py @v0.8.1), Chainer {@code L.GRU}.
         */
        BEFORE_MATMUL
    }

    /** Which term the update gate z multiplies. */
    public enum UpdateWeights {
        /** z keeps the old state, h' = (1 - z) ⊙ n + z ⊙ h: cuDNN, PyTorch, TF, Keras, CNTK, Caffe2, MXNet. */
        OLD_STATE,
        /**
         * z takes the candidate, h' = z ⊙ n + (1 - z) ⊙ h: Chainer {@code L.GRU} (links/connection/gru.py
         * @v4.0.0) and Lasagne {@code GRULayer}'s update gate u (lasagne/layers/recurrent.py).
         */
        CANDIDATE
    }

    /** The nonlinearity of the r and z gates; the candidate is always tanh. */
    public enum GateActivation {
        SIGMOID,
        /**
         * clip(0.2 x + 0.5, 0, 1): Keras 2.0-2.2's default {@code recurrent_activation} on the TF and CNTK
         * backends (keras/backend/tensorflow_backend.py @2.1.6) and Theano's {@code T.nnet.hard_sigmoid}.
         */
        HARD_SIGMOID
    }

    /** Order of the two gate blocks in the packed weights and biases. */
    public enum GateOrder {
        /** PyTorch, cuDNN, MXNet, Caffe2, TF {@code GRUCell}'s gates kernel (r then u). */
        RZN,
        /** Keras (kernel columns z, r, h) and CNTK (stacked z, r, c). */
        ZRN
    }

    /** Index of the candidate's block in the packed weights, whatever the gate order. */
    public static final int CANDIDATE_BLOCK = 2;

    public GruSpec {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("a GRU needs positive input and hidden sizes, got input "
                    + inputSize + ", hidden " + hiddenSize);
        }
        if (resetGate == null || updateWeights == null || gateActivation == null || gateOrder == null) {
            throw new IllegalArgumentException("a GRU spec needs every variant chosen, got " + resetGate + ", "
                    + updateWeights + ", " + gateActivation + ", " + gateOrder);
        }
    }

    /** cuDNN's GRU, which PyTorch, MXNet, Gluon, TF {@code CudnnGRU} and Keras {@code CuDNNGRU} run on a GPU. */
    public static GruSpec cudnn(int inputSize, int hiddenSize) {
        return new GruSpec(inputSize, hiddenSize, ResetGate.AFTER_MATMUL, true, UpdateWeights.OLD_STATE,
                GateActivation.SIGMOID, GateOrder.RZN);
    }

    /** Index of the reset gate's block in the packed weights. */
    public int resetBlock() {
        return gateOrder == GateOrder.RZN ? 0 : 1;
    }

    /** Index of the update gate's block in the packed weights. */
    public int updateBlock() {
        return gateOrder == GateOrder.RZN ? 1 : 0;
    }
}
