package rosetta.tensor.ops;

/**
 * The softmax cross-entropy a framework computes. With {@code probabilityClip = 0} it is the fused
 * log-softmax form (PyTorch, TensorFlow, Caffe2, MXNet, CNTK, Chainer). With a clip, as in Keras's
 * {@code softmax} activation followed by {@code categorical_crossentropy}, the probabilities are clipped
 * to [clip, 1 - clip] before the log, and a clipped probability passes no gradient.
 */
public record LossSpec(Reduction reduction, double probabilityClip) {

    /** Keras's {@code _EPSILON}, keras/backend/common.py. */
    public static final double KERAS_EPSILON = 1e-7;

    public static LossSpec fusedMean() {
        return new LossSpec(Reduction.MEAN, 0);
    }
}
