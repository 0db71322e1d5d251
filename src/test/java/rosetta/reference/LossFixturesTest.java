package rosetta.reference;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.SoftmaxCrossEntropy;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.Reduction;

/** SoftmaxCrossEntropy's value and gradient against every softmax_cross_entropy fixture. */
class LossFixturesTest {

    static Stream<Arguments> fixtures() {
        return ReferenceCases.of("softmax_cross_entropy");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesTheFramework(Fixture f, ReferenceCases.Named provider) {
        Reduction reduction = f.string("reduction").equals("sum") ? Reduction.SUM : Reduction.MEAN;
        double clip = f.has("clip") ? f.number("clip") : 0;
        check(f, ReferenceCases.backend(provider), new LossSpec(reduction, clip), f.string("labels").equals("sparse"));
    }

    /**
     * Runs one fixture with the loss and label encoding given (a dialect's, or the fixture's). The labels
     * are handed over as the framework was given them; an encoding that does not match is a failure.
     */
    static void check(Fixture f, Backend backend, LossSpec spec, boolean sparseLabels) {
        boolean fixtureSparse = f.shape("labels").rank() == 1;
        if (sparseLabels != fixtureSparse) {
            throw new AssertionError(f + " gives " + (fixtureSparse ? "class-index" : "one-hot")
                    + " labels, the configuration under test expects " + (sparseLabels ? "class indices" : "one-hot rows"));
        }
        try (SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(backend, spec);
                Tensor logits = f.tensor(backend, DType.FLOAT32, "logits");
                Tensor labels = f.tensor(backend, sparseLabels ? DType.INT32 : DType.FLOAT32, "labels")) {
            f.assertClose("loss", loss.forward(logits, labels));
            f.assertClose("dlogits", loss.backward());
        }
    }
}
