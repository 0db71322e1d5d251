package rosetta.layers;

/**
 * When a dropout layer drops: the train/test switch each framework has, and what happens when a script
 * forgets it (the benchmark's 72% vs 77% pitfall).
 */
public enum DropoutMode {
    /** Drops only in training: PyTorch modules after {@code .eval()}, Keras, Caffe2 with {@code is_test=1}. */
    HONOUR_FLAG,
    /**
     * Drops in training and evaluation alike: PyTorch without {@code .eval()}, Caffe2's test net without
     * {@code is_test}, {@code tf.nn.dropout} with a constant {@code keep_prob}.
     */
    ALWAYS,
    /**
     * Never drops: PyTorch 0.x {@code F.dropout} without {@code training=} (the default was False through
     * 0.4.1, torch/nn/functional.py), {@code tf.layers.dropout} without {@code training=True}.
     */
    NEVER
}
