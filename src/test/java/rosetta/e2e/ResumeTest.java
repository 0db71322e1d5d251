package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rosetta.datasets.Split;
import rosetta.datasets.synthetic.SyntheticCifar;
import rosetta.layers.Parameter;
import rosetta.layers.Sequential;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.Vgg;
import rosetta.models.train.CheckpointStore;
import rosetta.models.train.TrainingResult;
import rosetta.tensor.cpu.CpuBackend;

/**
 * A run killed between epochs and resumed from its last checkpoint ends with exactly the weights of an
 * uninterrupted run: shuffling, dropout masks, momentum and the step count all continue where they were.
 */
class ResumeTest {
    private static final CpuBackend CPU = new CpuBackend();

    @Test
    void resumedRunEndsBitIdentical(@TempDir Path whole, @TempDir Path interrupted) {
        // pytorch searches exhaustively: the resumed run must pick the algorithms the first one timed
        Dialect d = Dialect.builtIn("pytorch");
        Split data = new SyntheticCifar(192, 64, 2).split();
        Hyperparameters three = Hyperparameters.cnn().withEpochs(3).withBatchSize(32);
        String fingerprint = "resume-test";

        List<double[]> expected;
        TrainingResult uninterrupted;
        try (Sequential model = Runs.build(CPU, Vgg.benchmark(), d, 9)) {
            uninterrupted = Runs.train(CPU, model, Vgg.benchmark(), d, three, data, 9,
                    new CheckpointStore(whole, fingerprint), false);
            expected = values(model);
        }
        try (Sequential model = Runs.build(CPU, Vgg.benchmark(), d, 9)) {
            // the run that is "killed" after its first checkpoint
            Runs.train(CPU, model, Vgg.benchmark(), d, three.withEpochs(1), data, 9,
                    new CheckpointStore(interrupted, fingerprint), false);
        }
        try (Sequential model = Runs.build(CPU, Vgg.benchmark(), d, 9)) {
            TrainingResult resumed = Runs.train(CPU, model, Vgg.benchmark(), d, three, data, 9,
                    new CheckpointStore(interrupted, fingerprint), true);
            List<double[]> actual = values(model);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), 0.0, "parameter " + i);
            }
            assertEquals(uninterrupted.epochs().get(2).loss(), resumed.epochs().get(2).loss(), 0.0);
        }
    }

    private static List<double[]> values(Sequential model) {
        return model.parameters().stream().map(Parameter::value).map(t -> t.toDoubleArray()).toList();
    }
}
