package rosetta.datasets.cifar;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import rosetta.datasets.DataException;
import rosetta.datasets.ImageDataset;
import rosetta.datasets.Split;
import rosetta.tensor.Shape;

/**
 * Collects the six files of the CIFAR-10 binary version, from a folder or an archive in any order, into
 * one training set ({@code data_batch_1..5.bin} in that order) and one test set ({@code test_batch.bin}).
 * A record is 1 label byte and 3072 pixel bytes, the R, G and B planes of 32x32 row-major, which is
 * already CHW (https://www.cs.toronto.edu/~kriz/cifar.html, "Binary version").
 */
final class CifarBatches {
    static final List<String> FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");
    static final Shape IMAGE = Shape.of(3, 32, 32);
    static final int PIXELS = 3 * 32 * 32;
    static final int RECORD_BYTES = 1 + PIXELS;
    static final int CLASSES = 10;
    private static final int TRAIN_FILES = 5;

    private final int recordsPerFile;
    private final byte[] trainPixels;
    private final int[] trainLabels;
    private final byte[] testPixels;
    private final int[] testLabels;
    private final boolean[] seen = new boolean[FILES.size()];

    CifarBatches(int recordsPerFile) {
        if (recordsPerFile <= 0) {
            throw new IllegalArgumentException("records per file must be positive: " + recordsPerFile);
        }
        this.recordsPerFile = recordsPerFile;
        this.trainPixels = new byte[Math.multiplyExact(TRAIN_FILES * recordsPerFile, PIXELS)];
        this.trainLabels = new int[TRAIN_FILES * recordsPerFile];
        this.testPixels = new byte[Math.multiplyExact(recordsPerFile, PIXELS)];
        this.testLabels = new int[recordsPerFile];
    }

    /** True if {@code fileName} (without folders) is one of the six files. */
    static boolean isBatchFile(String fileName) {
        return FILES.contains(fileName);
    }

    /**
     * Reads one file of {@code size} bytes; {@code where} names it in messages. Checks the size, that no
     * record is cut short and that every label is a CIFAR-10 class.
     */
    void read(String fileName, long size, InputStream in, String where) throws IOException {
        int file = FILES.indexOf(fileName);
        long expected = (long) recordsPerFile * RECORD_BYTES;
        if (size != expected) {
            String cut = size % RECORD_BYTES == 0 ? ""
                    : " (its last record is cut short: " + size % RECORD_BYTES + " of " + RECORD_BYTES + " bytes)";
            throw new DataException(where + " has " + size + " bytes" + cut + ", expected " + expected + " ("
                    + recordsPerFile + " records of " + RECORD_BYTES + " bytes); " + Cifar10.HINT);
        }
        boolean train = file < TRAIN_FILES;
        byte[] pixels = train ? trainPixels : testPixels;
        int[] labels = train ? trainLabels : testLabels;
        int first = train ? file * recordsPerFile : 0;
        for (int r = 0; r < recordsPerFile; r++) {
            int label = in.read();
            int got = label < 0 ? 0 : 1 + in.readNBytes(pixels, (first + r) * PIXELS, PIXELS);
            if (got < RECORD_BYTES) {
                throw new DataException(where + " ends inside record " + r + " (" + got + " of " + RECORD_BYTES
                        + " bytes), expected " + recordsPerFile + " records: the copy is truncated; "
                        + Cifar10.HINT);
            }
            if (label >= CLASSES) {
                throw new DataException(where + ": record " + r + " has label byte " + label
                        + ", expected 0..9 (a CIFAR-100 file has two label bytes); " + Cifar10.HINT);
            }
            labels[first + r] = label;
        }
        seen[file] = true;
    }

    /** The files not read yet. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < FILES.size(); i++) {
            if (!seen[i]) {
                missing.add(FILES.get(i));
            }
        }
        return missing;
    }

    Split split() {
        if (!missing().isEmpty()) {
            throw new IllegalStateException("not read yet: " + missing());
        }
        return new Split(new ImageDataset("CIFAR-10 train", IMAGE, CLASSES, trainPixels, trainLabels),
                new ImageDataset("CIFAR-10 test", IMAGE, CLASSES, testPixels, testLabels));
    }
}
