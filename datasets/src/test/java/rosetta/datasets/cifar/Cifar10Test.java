package rosetta.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static rosetta.datasets.testing.Messages.assertDataError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rosetta.datasets.Dataset;
import rosetta.datasets.Split;
import rosetta.datasets.testing.Archives;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;

class Cifar10Test {
    private static final int R = CifarFiles.RECORDS;

    @TempDir
    Path tmp;

    /** Every image and label of both splits against the generator, train files in the order 1..5. */
    private static void assertHoldsTheTinyFiles(Split split) {
        assertEquals(5 * R, split.train().size());
        assertEquals(R, split.test().size());
        assertEquals(Shape.of(3, 32, 32), split.train().exampleShape());
        assertEquals(DType.FLOAT32, split.train().exampleType());
        assertEquals(10, split.train().classes());
        for (int i = 0; i < 6 * R; i++) {
            int file = i / R;
            int record = i % R;
            Dataset set = file < 5 ? split.train() : split.test();
            int index = file < 5 ? i : record;
            assertEquals(CifarFiles.label(file, record), set.label(index), "label, file " + file + " record " + record);
            float[] image = new float[3 * 32 * 32];
            set.copyExample(index, image, 0);
            float[] expected = new float[image.length];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = (float) (CifarFiles.pixel(file, record, k) / 255.0);
            }
            assertArrayEquals(expected, image, "pixels of file " + file + " record " + record);
        }
    }

    @Test
    void readsTheFolderOfBinaryFilesAsNchwOverTwoFiftyFive() throws IOException {
        Split split = Cifar10.load(CifarFiles.writeFolder(tmp.resolve("out")), R);
        assertHoldsTheTinyFiles(split);
        // green plane (c = 1), row 2, column 3 of the second training image: byte 1024 + 2*32 + 3 of its record
        float[] image = new float[3 * 32 * 32];
        split.train().copyExample(1, image, 0);
        assertEquals((float) ((0 + 3 + 1024 + 67) % 256 / 255.0), image[(1 * 32 + 2) * 32 + 3]);
    }

    @Test
    void readsTheFolderHoldingCifar10BatchesBin() throws IOException {
        CifarFiles.writeFolder(tmp.resolve(Cifar10.FOLDER));
        assertHoldsTheTinyFiles(Cifar10.load(tmp, R));
    }

    @Test
    void streamsTheOfficialArchiveWhateverTheOrderOfItsEntries() throws IOException {
        Path archive = Archives.writeTarGz(tmp.resolve(Cifar10.ARCHIVE),
                CifarFiles.archiveEntries(Cifar10.FOLDER, List.of(5, 2, 0, 4, 1, 3)));
        assertHoldsTheTinyFiles(Cifar10.load(archive, R));
        assertHoldsTheTinyFiles(Cifar10.load(tmp, R));
    }

    @Test
    void aMissingSourceNamesWhatToRun() {
        assertDataError(() -> Cifar10.load(tmp.resolve("nowhere"), R), "nowhere does not exist",
                "data_batch_1..5.bin", "rosetta download cifar10", "MakeCifarBinary", "--synthetic");
        assertDataError(() -> Cifar10.load(tmp, R), "no CIFAR-10 binary data in " + tmp, "rosetta download cifar10");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path dir = CifarFiles.writeFolder(tmp.resolve("bin"));
        Files.delete(dir.resolve("data_batch_3.bin"));
        assertDataError(() -> Cifar10.load(dir, R), "lacks data_batch_3.bin", "rosetta download cifar10");
        Path archive = Archives.writeTarGz(tmp.resolve("four.tar.gz"),
                CifarFiles.archiveEntries(Cifar10.FOLDER, List.of(0, 1, 2, 3, 5)));
        assertDataError(() -> Cifar10.load(archive, R), "lacks data_batch_5.bin");
    }

    @Test
    void aFileOfTheWrongSizeSaysWhatSizeWasExpected() throws IOException {
        Path dir = CifarFiles.writeFolder(tmp.resolve("bin"));
        Files.write(dir.resolve("data_batch_2.bin"), CifarFiles.content(1),
                StandardOpenOption.APPEND);
        assertDataError(() -> Cifar10.load(dir, R), "data_batch_2.bin has " + 2 * R * 3073 + " bytes",
                "expected " + R * 3073 + " (" + R + " records of 3073 bytes)");
        Archives.truncate(dir.resolve("data_batch_2.bin"), 0.3);
        assertDataError(() -> Cifar10.load(dir, R), "its last record is cut short");
    }

    @Test
    void aTruncatedArchiveIsReportedAsSuch() throws IOException {
        Path archive = Archives.writeTarGz(tmp.resolve(Cifar10.ARCHIVE),
                CifarFiles.archiveEntries(Cifar10.FOLDER, List.of(0, 1, 2, 3, 4, 5)));
        Archives.truncate(archive, 0.6);
        assertDataError(() -> Cifar10.load(archive, R), Cifar10.ARCHIVE, "truncated", "rosetta download cifar10");
    }

    @Test
    void aLabelOutsideTheTenClassesIsRefused() throws IOException {
        Path dir = CifarFiles.writeFolder(tmp.resolve("bin"));
        byte[] test = CifarFiles.content(5);
        test[2 * 3073] = 10;
        Files.write(dir.resolve("test_batch.bin"), test);
        assertDataError(() -> Cifar10.load(dir, R), "test_batch.bin: record 2 has label byte 10, expected 0..9");
    }

    @Test
    void thePicklePythonVersionIsRecognisedAndRefused() throws IOException {
        Path py = Files.createDirectories(tmp.resolve("cifar-10-batches-py"));
        Files.write(py.resolve("data_batch_1"), new byte[] {(byte) 0x80, 2});
        assertDataError(() -> Cifar10.load(tmp, R), "python-pickle version", "binary version",
                "rosetta download cifar10");
        assertDataError(() -> Cifar10.load(py, R), "python-pickle version");
        Path named = Files.write(tmp.resolve("cifar-10-python.tar.gz"), new byte[10]);
        assertDataError(() -> Cifar10.load(named, R), "python-pickle version");
        Path renamed = Archives.writeTarGz(tmp.resolve("cifar.tar.gz"),
                Map.of("cifar-10-batches-py/data_batch_1", new byte[] {1, 2, 3}));
        assertDataError(() -> Cifar10.load(renamed, R), "python-pickle version");
    }

    @Test
    void theJpegCopyGetsTheConversionCommand() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cifar-10-jpeg75"));
        Files.write(dir.resolve("cifar-10-jpeg75.tar.gz"), new byte[10]);
        assertDataError(() -> Cifar10.load(dir, R), "JPEG copy", "java " + dir.resolve("MakeCifarBinary.java")
                + " " + dir.resolve("cifar-10-jpeg75.tar.gz") + " OUTDIR");
    }

    @Test
    void aSingleBatchFileIsNotASource() throws IOException {
        Path dir = CifarFiles.writeFolder(tmp.resolve("bin"));
        assertDataError(() -> Cifar10.load(dir.resolve("data_batch_1.bin"), R), "is a single file");
    }
}
