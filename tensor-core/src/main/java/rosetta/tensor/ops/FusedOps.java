package rosetta.tensor.ops;

/**
 * The cuDNN-shaped operations of a backend, each family a forward/backward pair. Layers call these and
 * never know which backend runs them.
 */
public interface FusedOps {
    ConvOps conv();

    PoolOps pool();

    ActivationOps activation();

    DropoutOps dropout();

    SoftmaxCrossEntropyOps softmaxCrossEntropy();

    BiasOps bias();

    LayoutOps layout();

    OptimizerOps optimizer();

    GruOps gru();

    EmbeddingOps embedding();
}
