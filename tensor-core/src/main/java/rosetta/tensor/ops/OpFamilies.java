package rosetta.tensor.ops;

/** A backend's op families, one object each: what {@code Backend.ops()} hands to the layers. */
public record OpFamilies(ConvOps conv, PoolOps pool, ActivationOps activation, DropoutOps dropout,
        SoftmaxCrossEntropyOps softmaxCrossEntropy, BiasOps bias, LayoutOps layout, OptimizerOps optimizer,
        GruOps gru, EmbeddingOps embedding) implements FusedOps {
}
