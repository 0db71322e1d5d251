package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.datasets.Split;
import rosetta.datasets.synthetic.SyntheticCifar;
import rosetta.datasets.synthetic.SyntheticSentiment;
import rosetta.layers.Sequential;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.GruModel;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.Vgg;
import rosetta.models.train.TrainingResult;
import rosetta.tensor.cpu.CpuBackend;

/**
 * Every dialect trains its benchmark model end to end on the synthetic sets, one short epoch each, far
 * above chance: the whole path (dialect, layers, loss, optimiser, iterator, evaluation) works.
 */
class SyntheticDialectsTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final Split CIFAR = new SyntheticCifar(8192, 256, 11).split();
    private static final Split SENTIMENT = new SyntheticSentiment(8192, 512, 150, 30_000, 11).split();

    static Stream<String> cnnDialects() {
        return Dialect.builtInNames().stream().filter(n -> Dialect.builtIn(n).supports("vgg"));
    }

    static Stream<String> rnnDialects() {
        return Dialect.builtInNames().stream().filter(n -> Dialect.builtIn(n).supports("gru"));
    }

    @ParameterizedTest
    @MethodSource("cnnDialects")
    void vggLearnsTheSyntheticImages(String name) {
        // exhaustive search picks algorithms by timing, so its runs differ in the last bits and a single
        // short epoch can land anywhere; the heuristic keeps this test reproducible
        Dialect d = Dialect.builtIn(name).with("conv.algorithm-search", "heuristic");
        Hyperparameters h = Hyperparameters.cnn().withEpochs(1).withBatchSize(32);
        try (Sequential model = Runs.build(CPU, Vgg.benchmark(), d, 3)) {
            TrainingResult r = Runs.train(CPU, model, Vgg.benchmark(), d, h, CIFAR, 3, null, false);
            assertTrue(r.testAccuracy() >= 0.30, name + ": " + r.testAccuracy());
        }
    }

    @ParameterizedTest
    @MethodSource("rnnDialects")
    void gruLearnsTheSyntheticReviews(String name) {
        Dialect d = Dialect.builtIn(name);
        Hyperparameters h = Hyperparameters.rnn().withEpochs(1);
        try (Sequential model = Runs.build(CPU, GruModel.benchmark(), d, 3)) {
            TrainingResult r = Runs.train(CPU, model, GruModel.benchmark(), d, h, SENTIMENT, 3, null, false);
            assertTrue(r.testAccuracy() >= 0.70, name + ": " + r.testAccuracy());
        }
    }
}
