package rosetta.layers;

import rosetta.layers.init.Initializer;
import rosetta.tensor.ops.GruSpec;

/**
 * A GRU layer: its formula ({@code spec}, whose sizes must match), whether it learns its initial state,
 * whether it returns every step [N, T, H] or only the last [N, H], and how its parameters start. The
 * biases are split: the two gate blocks (r and z) take {@code gateBiasInit}, the candidate block
 * {@code candidateBiasInit}, which is how TF's {@code GRUCell} starts its gates at 1.0 and its candidate
 * at 0 (rnn_cell_impl.py @v1.4.0).
 */
public record GruConfig(String name, int inputSize, int hiddenSize, GruSpec spec, boolean trainableInitialState,
        boolean returnSequences, Initializer inputWeightInit, Initializer recurrentWeightInit,
        Initializer gateBiasInit, Initializer candidateBiasInit, FanConvention fanConvention) {

    /** Which matrix the fans of each packed parameter come from; frameworks slice the GRU differently. */
    public enum FanConvention {
        /**
         * The whole packed matrix: weight_ih fan_in = I, fan_out = 3H; weight_hh fan_in = H, fan_out = 3H,
         * seen by an orthogonal initialiser as rows = 3H, cols = H. That is Keras's kernel (I, 3U) and
         * its orthogonal recurrent kernel (U, 3U) with orthonormal rows (keras/layers/recurrent.py
         * @2.0.8), transposed to this engine's [3H, H] storage, where the columns are orthonormal; also
         * CNTK's glorot on its input matrix (in x 3H) and Caffe2's XavierFill, whose fan_in (I for i2h, H
         * for each recurrent fc) is the same.
         */
        WHOLE_MATRIX,
        /**
         * TF {@code GRUCell}'s {@code _Linear} over the concatenation [x, h] (rnn_cell_impl.py @v1.4.0):
         * the gate blocks of both matrices take fan_in = I + H, fan_out = 2H (the gates kernel
         * [(I + H), 2H]) and the candidate block fan_in = I + H, fan_out = H.
         */
        TF_CONCATENATED,
        /**
         * fan_in = H for every weight and bias: PyTorch's {@code RNNBase.reset_parameters} draws all of
         * them from U(±1/√hidden_size) (torch/nn/modules/rnn.py @v0.3.0), which its
         * {@code pytorch-default} U(±1/√fan_in) gives only with this fan_in.
         */
        HIDDEN_SIZE
    }

    public GruConfig {
        if (spec == null || spec.inputSize() != inputSize || spec.hiddenSize() != hiddenSize) {
            throw new IllegalArgumentException("GRU " + name + ": input " + inputSize + " and hidden " + hiddenSize
                    + " must match the formula's sizes in " + spec);
        }
        if (inputWeightInit == null || recurrentWeightInit == null || gateBiasInit == null
                || candidateBiasInit == null || fanConvention == null) {
            throw new IllegalArgumentException("GRU " + name
                    + " needs initialisers for its input and recurrent weights, gate and candidate biases,"
                    + " and a fan convention");
        }
    }
}
