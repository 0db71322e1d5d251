package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input a user can give ends in one line on standard error that says what is wrong and what
 * to do, and a non-zero exit code.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneLine(Cli cli, String... fragments) {
        assertEquals(1, cli.exitCode(), cli.toString());
        assertEquals(1, cli.errorLines(), cli.toString());
        String line = cli.err().lines().filter(l -> l.startsWith("rosetta: error:")).findFirst().orElseThrow();
        for (String f : fragments) {
            assertTrue(line.contains(f), "'" + f + "' missing from: " + line);
        }
        assertTrue(cli.err().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace without --verbose");
    }

    @Test
    void unknownDialectListsTheValidOnes() {
        assertOneLine(Cli.run("train", "--dialect=caffe3", "--synthetic"), "caffe3", "caffe2", "pytorch");
    }

    @Test
    void unknownKnobListsTheValidOnes() {
        assertOneLine(Cli.run("train", "--set", "conv.colour=red", "--synthetic"), "conv.colour", "conv.weight-init");
    }

    @Test
    void invalidKnobValueListsTheValidValues() {
        assertOneLine(Cli.run("train", "--set", "loss.reduction=median", "--synthetic"), "median", "mean, sum");
    }

    @Test
    void unknownModelListsTheValidOnes() {
        assertOneLine(Cli.run("train", "--model=resnet", "--synthetic"), "resnet", "vgg", "gru");
    }

    @Test
    void missingDataSaysWhereItLookedAndWhatToRun() {
        assertOneLine(Cli.run("train", "--data", dir.resolve("nowhere").toString()), "rosetta download cifar10");
    }

    @Test
    void wrongSizedCifarFileSaysWhatWasFoundAndExpected() throws IOException {
        Path cifar = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (String f : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
            "test_batch"}) {
            Files.write(cifar.resolve(f + ".bin"), new byte[3073 * 3 + 17]);
        }
        assertOneLine(Cli.run("train", "--data", dir.toString()), "data_batch_1.bin");
    }

    @Test
    void labelOutOfRangeNamesTheRecord() throws IOException {
        Path cifar = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (String f : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
            "test_batch"}) {
            byte[] records = new byte[3073 * 10_000];
            records[3073 * 5] = 12;
            Files.write(cifar.resolve(f + ".bin"), records);
        }
        assertOneLine(Cli.run("train", "--data", dir.toString()), "12");
    }

    @Test
    void truncatedArchiveSaysWhatToRun() throws IOException {
        byte[] gzipHeaderOnly = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
        Files.write(dir.resolve("cifar-10-binary.tar.gz"), gzipHeaderOnly);
        assertOneLine(Cli.run("train", "--data", dir.toString()), "cifar-10-binary.tar.gz");
    }

    @Test
    void pythonPickleFolderIsRecognisedAndRefused() throws IOException {
        Path pickle = Files.createDirectories(dir.resolve("cifar-10-batches-py"));
        Files.write(pickle.resolve("data_batch_1"), new byte[100]);
        assertOneLine(Cli.run("train", "--data", dir.toString()), "python");
    }

    @Test
    void unavailableCudaIsOneLine() {
        Cli cli = Cli.run("train", "--backend=cuda", "--synthetic", "--limit-train=64", "--limit-test=64");
        if (cli.exitCode() == 0) {
            return;
        }
        assertOneLine(cli, "cuda");
    }

    @Test
    void unknownBackendListsTheValidOnes() {
        assertOneLine(Cli.run("train", "--backend=tpu", "--synthetic"), "tpu", "cpu");
    }

    @Test
    void divergingLossStopsWithAHint() {
        assertOneLine(Cli.run("train", "--synthetic", "--limit-train=640", "--limit-test=64", "--epochs=1",
                "--lr=10000000", "--no-progress"), "--lr");
    }

    @Test
    void resumeWithoutACheckpointSaysToStartFresh() {
        assertOneLine(Cli.run("train", "--synthetic", "--limit-train=64", "--limit-test=64", "--resume",
                "--checkpoint-dir", dir.toString()), "without --resume");
    }

    @Test
    void corruptCheckpointIsRefused() throws IOException {
        Files.writeString(dir.resolve("checkpoint.bin"), "not a checkpoint");
        assertOneLine(Cli.run("train", "--synthetic", "--limit-train=64", "--limit-test=64", "--resume",
                "--checkpoint-dir", dir.toString()), "checkpoint");
    }

    @Test
    void badOptionValueIsOneLineWithExitTwo() {
        Cli cli = Cli.run("train", "--epochs=many");
        assertEquals(2, cli.exitCode(), cli.toString());
        assertEquals(1, cli.errorLines(), cli.toString());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli cli = Cli.run("train", "--dialect=caffe3", "--verbose");
        assertEquals(1, cli.exitCode());
        assertTrue(cli.err().lines().anyMatch(l -> l.startsWith("\tat ")), cli.toString());
    }
}
