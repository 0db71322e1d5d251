package rosetta.datasets.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static rosetta.datasets.testing.Messages.assertDataError;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rosetta.datasets.Split;
import rosetta.datasets.testing.Archives;
import rosetta.datasets.testing.SharedData;
import rosetta.tensor.Shape;

class MnistTest {
    private static final int TRAIN = 4;
    private static final int TEST = 2;

    @TempDir
    Path tmp;

    /** IDX bytes: magic 0x0000_08_nd, the dimensions, then {@code data}. */
    private static byte[] idx(byte[] data, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private static byte[] images(int n, int seed) throws IOException {
        byte[] data = new byte[n * 784];
        for (int k = 0; k < data.length; k++) {
            data[k] = (byte) (seed + 5 * k);
        }
        return idx(data, n, 28, 28);
    }

    private static byte[] labels(int... labels) throws IOException {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(data, labels.length);
    }

    private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GzipCompressorOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }

    /** The four files; {@code gzip[i]} says whether file i is compressed (and named .gz). */
    private static Path writeSet(Path dir, boolean... gzip) throws IOException {
        Files.createDirectories(dir);
        byte[][] contents = {images(TRAIN, 1), labels(5, 0, 4, 1), images(TEST, 2), labels(7, 2)};
        for (int i = 0; i < 4; i++) {
            write(dir.resolve(Mnist.FILES.get(i) + (gzip[i] ? ".gz" : "")), contents[i], gzip[i]);
        }
        return dir;
    }

    private static void assertHoldsTheTinySet(Split split) {
        assertEquals(TRAIN, split.train().size());
        assertEquals(TEST, split.test().size());
        assertEquals(Shape.of(1, 28, 28), split.train().exampleShape());
        assertEquals(5, split.train().label(0));
        assertEquals(1, split.train().label(3));
        assertEquals(2, split.test().label(1));
        float[] image = new float[784];
        split.train().copyExample(2, image, 0);
        assertEquals((float) ((1 + 5 * (2 * 784 + 10)) % 256 / 255.0), image[10]);
        split.test().copyExample(1, image, 0);
        assertEquals((float) ((2 + 5 * (784 + 783)) % 256 / 255.0), image[783]);
    }

    @Test
    void readsCompressedPlainAndMixedFiles() throws IOException {
        assertHoldsTheTinySet(Mnist.load(writeSet(tmp.resolve("gz"), true, true, true, true)));
        assertHoldsTheTinySet(Mnist.load(writeSet(tmp.resolve("plain"), false, false, false, false)));
        assertHoldsTheTinySet(Mnist.load(writeSet(tmp.resolve("mixed"), true, false, false, true)));
    }

    @Test
    void findsTheFilesInAnMnistSubfolder() throws IOException {
        writeSet(tmp.resolve("mnist"), true, true, true, true);
        assertHoldsTheTinySet(Mnist.load(tmp));
    }

    @Test
    void gzipIsToldByItsContentNotItsName() throws IOException {
        Path dir = writeSet(tmp.resolve("set"), false, false, false, false);
        Path plain = dir.resolve(Mnist.FILES.get(1));
        Files.move(plain, dir.resolve(Mnist.FILES.get(1) + ".gz"));
        assertHoldsTheTinySet(Mnist.load(dir));
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path dir = writeSet(tmp.resolve("set"), true, true, true, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertDataError(() -> Mnist.load(dir), "lacks t10k-labels-idx1-ubyte[.gz]", "--synthetic");
        assertDataError(() -> Mnist.load(tmp.resolve("nowhere")), "is not a folder");
    }

    @Test
    void aWrongMagicNumberIsReported() throws IOException {
        Path dir = writeSet(tmp.resolve("set"), true, true, true, true);
        write(dir.resolve("train-images-idx3-ubyte.gz"), labels(1, 2, 3, 4), true);
        assertDataError(() -> Mnist.load(dir), "train-images-idx3-ubyte.gz starts with magic number 0x00000801, "
                + "expected 0x00000803");
    }

    @Test
    void imagesOfAnotherSizeAreRefused() throws IOException {
        Path dir = writeSet(tmp.resolve("set"), true, true, true, true);
        write(dir.resolve("train-images-idx3-ubyte.gz"), idx(new byte[TRAIN * 32 * 32], TRAIN, 32, 32), true);
        assertDataError(() -> Mnist.load(dir), "holds 4 items of [32, 32], expected [28, 28]");
    }

    @Test
    void truncatedAndOverlongFilesAreRefused() throws IOException {
        Path dir = writeSet(tmp.resolve("set"), false, false, false, false);
        Archives.truncate(dir.resolve("train-images-idx3-ubyte"), 0.6);
        assertDataError(() -> Mnist.load(dir), "ends after 2 of its 4 items", "truncated");
        Path other = writeSet(tmp.resolve("other"), false, false, false, false);
        Files.write(other.resolve("t10k-labels-idx1-ubyte"), new byte[] {3}, StandardOpenOption.APPEND);
        assertDataError(() -> Mnist.load(other), "has bytes after its 2 items");
        Path gz = writeSet(tmp.resolve("gz"), true, true, true, true);
        Archives.truncate(gz.resolve("train-images-idx3-ubyte.gz"), 0.5);
        assertDataError(() -> Mnist.load(gz), "train-images-idx3-ubyte.gz");
    }

    @Test
    void labelsMustMatchTheImagesAndTheTenDigits() throws IOException {
        Path dir = writeSet(tmp.resolve("set"), true, true, true, true);
        write(dir.resolve("train-labels-idx1-ubyte.gz"), labels(1, 2, 3), true);
        assertDataError(() -> Mnist.load(dir), "holds 4 images but", "holds 3 labels");
        write(dir.resolve("train-labels-idx1-ubyte.gz"), labels(1, 2, 11, 3), true);
        assertDataError(() -> Mnist.load(dir), "label 2 is 11, expected 0..9");
    }

    @Test
    void realMnistHasSixtyAndTenThousandDigits() {
        Path dir = SharedData.require("mnist");
        Split split = Mnist.load(dir);
        assertEquals(60_000, split.train().size());
        assertEquals(10_000, split.test().size());
        int[] first = new int[4];
        for (int i = 0; i < 4; i++) {
            first[i] = split.train().label(i);
        }
        assertArrayEquals(new int[] {5, 0, 4, 1}, first);
        assertEquals(7, split.test().label(0));
        // MNIST's training pixel mean, the 0.1307 every MNIST normalisation uses
        double sum = 0;
        float[] image = new float[784];
        for (int i = 0; i < split.train().size(); i++) {
            split.train().copyExample(i, image, 0);
            for (float v : image) {
                sum += v;
            }
        }
        assertEquals(0.1307, sum / (784.0 * split.train().size()), 5e-5);
    }
}
