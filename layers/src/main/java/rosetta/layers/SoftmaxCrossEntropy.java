package rosetta.layers;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LossSpec;

/**
 * The loss at the top of a classifier: softmax over logits [N, C], then cross-entropy against class
 * indices (INT32 [N]) or a one-hot / probability matrix [N, C], reduced by the spec's mean or sum. The loss
 * stays on the backend as a one-element tensor, so a training step reads it back only when it reports.
 */
public final class SoftmaxCrossEntropy implements AutoCloseable {
    private static final Shape SCALAR = Shape.of(1);

    private final Backend backend;
    private final LossSpec spec;
    private Tensor labels;
    private Tensor probabilities;
    private Tensor loss;
    private Tensor dLogits;

    public SoftmaxCrossEntropy(Backend backend, LossSpec spec) {
        this.backend = backend;
        this.spec = spec;
    }

    public LossSpec spec() {
        return spec;
    }

    /** The reduced loss, a one-element tensor reused by the next call. */
    public Tensor forward(Tensor logits, Tensor labels) {
        Shape s = logits.shape();
        if (s.rank() != 2 || !logits.dtype().isFloating()) {
            throw new IllegalArgumentException("the loss expects floating logits [N, classes], got " + s + " "
                    + logits.dtype());
        }
        Shape l = labels.shape();
        boolean sparse = labels.dtype() == DType.INT32 && l.rank() == 1 && l.dim(0) == s.dim(0);
        boolean dense = labels.dtype() == logits.dtype() && labels.shape().equals(s);
        if (!sparse && !dense) {
            throw new IllegalArgumentException("labels must be INT32 class indices [" + s.dim(0) + "] or a "
                    + logits.dtype() + " one-hot matrix " + s + ", got " + labels.shape() + " " + labels.dtype());
        }
        probabilities = Buffers.reuse(probabilities, backend, logits.dtype(), s);
        loss = Buffers.reuse(loss, backend, logits.dtype(), SCALAR);
        backend.ops().softmaxCrossEntropy().forward(spec, logits, labels, probabilities, loss);
        this.labels = labels;
        return loss;
    }

    /** dL/dlogits for the last forward, reused by the next call. */
    public Tensor backward() {
        if (labels == null) {
            throw new IllegalStateException("loss backward called before forward");
        }
        dLogits = Buffers.reuse(dLogits, backend, probabilities.dtype(), probabilities.shape());
        backend.ops().softmaxCrossEntropy().backward(spec, probabilities, labels, dLogits);
        return dLogits;
    }

    /** The softmax of the last forward's logits, [N, classes]. */
    public Tensor probabilities() {
        if (probabilities == null) {
            throw new IllegalStateException("no probabilities before the first forward");
        }
        return probabilities;
    }

    @Override
    public void close() {
        Buffers.close(probabilities, loss, dLogits);
        probabilities = null;
        loss = null;
        dLogits = null;
        labels = null;
    }
}
