package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import rosetta.datasets.Split;
import rosetta.datasets.mnist.Mnist;
import rosetta.layers.Conv2d;
import rosetta.layers.ConvConfig;
import rosetta.layers.Dense;
import rosetta.layers.DenseConfig;
import rosetta.layers.Flatten;
import rosetta.layers.MaxPool2d;
import rosetta.layers.Relu;
import rosetta.layers.Sequential;
import rosetta.layers.init.Initializers;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.Task;
import rosetta.models.train.Recipe;
import rosetta.models.train.Trainer;
import rosetta.models.train.TrainingListener;
import rosetta.models.train.TrainingResult;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.Padding;
import rosetta.tensor.random.RngStream;

/** A small CNN on the real MNIST files: at least 95% after one epoch (skipped where the files are absent). */
class MnistTest {

    @Test
    void smallCnnLearnsMnistInOneEpoch() {
        Path folder = SharedData.folder("mnist").orElse(null);
        Assumptions.assumeTrue(folder != null, "MNIST is not in ../shared/data/mnist: skipping the real-data run");
        Split data = Mnist.load(folder);
        CpuBackend cpu = new CpuBackend();
        RngStream rng = RngStream.seeded(5);
        try (Sequential model = new Sequential("mnist-cnn", List.of(
                new Conv2d(cpu, DType.FLOAT32, conv("conv1", 1, 8), rng), new Relu("relu1"),
                new MaxPool2d("pool1", 2, 2, Padding.none(), false, Layout.NCHW),
                new Conv2d(cpu, DType.FLOAT32, conv("conv2", 8, 16), rng), new Relu("relu2"),
                new MaxPool2d("pool2", 2, 2, Padding.none(), false, Layout.NCHW),
                new Flatten("flatten", Layout.NCHW, Layout.NCHW),
                new Dense(cpu, DType.FLOAT32, new DenseConfig("fc", 16 * 7 * 7, 10, true,
                        Initializers.parse("glorot-uniform"), Initializers.parse("zeros")), rng)));
             Trainer trainer = new Trainer(cpu, model, Recipe.of(Dialect.builtIn("pytorch"), Task.CIFAR10,
                     Hyperparameters.cnn().withEpochs(1)), rng.split("train"))) {
            TrainingResult r = trainer.train(data, TrainingListener.SILENT, null, false);
            assertTrue(r.testAccuracy() >= 0.95, "MNIST accuracy " + r.testAccuracy());
        }
    }

    private static ConvConfig conv(String name, int in, int out) {
        return new ConvConfig(name, in, out, 3, 3, 1, Padding.symmetric(1), true, false, Layout.NCHW,
                Initializers.parse("he-uniform"), Initializers.parse("zeros"), AlgorithmPolicy.defaults());
    }
}
