package rosetta.optim;

import rosetta.tensor.ops.Reduction;

/**
 * What gradient the learning rate multiplies: the batch mean or the batch sum. Together with the loss
 * reduction it fixes how the gradient a backward pass left is scaled before the update, so that a rate
 * means the same thing whether the loss was averaged or summed over the batch.
 */
public enum LearningRateUnit {
    /**
     * The rate multiplies the batch-mean gradient. PyTorch, TF, Keras, Caffe2 and Chainer (mean losses);
     * MXNet Module and Gluon, whose {@code rescale_grad = 1/N} turns the summed {@code SoftmaxOutput}
     * gradient into a mean; CNTK with {@code UnitType.minibatch}, where the per-sample rate lr/N meets
     * the summed gradient (reference/defaults-mxnet-cntk-chainer-lasagne.md §5, §10).
     */
    MINIBATCH,
    /** The rate multiplies the batch-summed gradient: CNTK {@code UnitType.sample}, a rate per example. */
    SAMPLE;

    /**
     * The factor that turns the loss gradient into the gradient the rate multiplies: from a mean or a
     * sum over {@code batchSize} examples (the loss reduction) to a mean or a sum (this unit).
     */
    public double gradientScale(Reduction lossReduction, int batchSize) {
        double n = checkedBatchSize(batchSize);
        double toSum = lossReduction == Reduction.MEAN ? n : 1;
        return toSum * summedExamples(batchSize) / n;
    }

    /**
     * How many examples the gradient the rate multiplies adds up: 1 for a mean, the batch size for a
     * sum. A per-example term such as weight decay is multiplied by it, as CNTK's learner adds
     * {@code l2 * N * w} to the summed gradient ({@code LearnerBase::PreProcess}, Learner.cpp).
     */
    public double summedExamples(int batchSize) {
        return this == SAMPLE ? checkedBatchSize(batchSize) : 1;
    }

    private static int checkedBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize
                    + ": pass the number of examples behind the gradients");
        }
        return batchSize;
    }
}
