package rosetta.datasets.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rosetta.datasets.testing.Messages.assertDataError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    @TempDir
    Path tmp;

    private DataLocator at(Path root) {
        return new DataLocator(root, Map.of(), tmp.resolve("home"));
    }

    @Test
    void theRootIsDataThenTheEnvironmentThenTheHomeFolder() {
        Path home = tmp.resolve("home");
        Map<String, String> env = Map.of(DataLocator.ENV, tmp.resolve("env").toString());
        DataLocator explicit = new DataLocator(tmp.resolve("explicit"), env, home);
        assertEquals(tmp.resolve("explicit"), explicit.root());
        assertEquals("--data", explicit.origin());
        assertEquals(tmp.resolve("env"), new DataLocator(null, env, home).root());
        assertEquals("$ROSETTA_DATA", new DataLocator(null, env, home).origin());
        assertEquals(home.resolve(".rosetta/data"), new DataLocator(null, Map.of(), home).root());
        assertEquals(home.resolve(".rosetta/data"), new DataLocator(null, Map.of(DataLocator.ENV, " "), home).root());
    }

    @Test
    void findsCifar10UnderEachOfItsNames() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a/cifar-10-batches-bin"));
        assertEquals(a, at(tmp.resolve("a")).cifar10());
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.write(b.resolve("cifar-10-binary.tar.gz"), new byte[1]);
        assertEquals(b.resolve("cifar-10-binary.tar.gz"), at(b).cifar10());
        Path c = Files.createDirectories(tmp.resolve("c/cifar-10-jpeg75"));
        assertEquals(c, at(tmp.resolve("c")).cifar10());
        Path d = Files.createDirectories(tmp.resolve("d"));
        Files.write(d.resolve("data_batch_1.bin"), new byte[1]);
        assertEquals(d, at(d).cifar10(), "a root that is itself the folder of binary files");
        Path e = Files.createDirectories(tmp.resolve("e/cifar-10-batches-py"));
        assertEquals(e, at(tmp.resolve("e")).cifar10(), "handed to the reader, which explains the refusal");
    }

    @Test
    void findsImdbAndMnistInThePublishersAndTheSharedLayouts() throws IOException {
        Path shared = Files.createDirectories(tmp.resolve("shared/imdb"));
        Files.write(shared.resolve("aclImdb_v1-labelled.tar.gz"), new byte[1]);
        assertEquals(shared.resolve("aclImdb_v1-labelled.tar.gz"), at(tmp.resolve("shared")).imdb());
        Path folder = Files.createDirectories(tmp.resolve("f/aclImdb"));
        assertEquals(folder, at(tmp.resolve("f")).imdb());
        Path mnist = Files.createDirectories(tmp.resolve("shared/mnist"));
        assertEquals(mnist, at(tmp.resolve("shared")).mnist());
        Files.write(mnist.resolve("train-images-idx3-ubyte.gz"), new byte[1]);
        assertEquals(mnist, at(mnist).mnist());
    }

    @Test
    void aMissingDataSetNamesEveryPlaceLookedAndWhatToRun() {
        Path root = tmp.resolve("empty");
        DataLocator locator = new DataLocator(null, Map.of(DataLocator.ENV, root.toString()), tmp);
        assertDataError(locator::cifar10, "CIFAR-10 not found in " + root + " (from $ROSETTA_DATA)",
                root.resolve("data_batch_1.bin").toString(), root.resolve("cifar-10-batches-bin").toString(),
                root.resolve("cifar-10-binary.tar.gz").toString(), root.resolve("cifar-10-jpeg75").toString(),
                "rosetta download cifar10", "--synthetic");
        assertDataError(locator::imdb, root.resolve("aclImdb_v1.tar.gz").toString(),
                root.resolve("imdb/aclImdb").toString(), "rosetta download imdb", "--synthetic");
        assertDataError(locator::mnist, root.resolve("mnist").toString(), "train-images-idx3-ubyte", "--synthetic");
    }
}
