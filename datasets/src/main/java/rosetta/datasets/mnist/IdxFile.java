package rosetta.datasets.mnist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import rosetta.datasets.DataException;

/**
 * One IDX file of unsigned bytes, plain or gzip-compressed (told apart by gzip's magic bytes, not by the
 * name). Format (http://yann.lecun.com/exdb/mnist/, "The IDX file format"): two zero bytes, type 0x08
 * (unsigned byte), the number of dimensions, each dimension as a big-endian int32, then the data.
 *
 * @param count the first dimension (images or labels)
 * @param data {@code count} items, row-major
 */
record IdxFile(int count, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;

    /** Reads {@code file}, whose dimensions after the first must be {@code itemDims} (e.g. 28, 28). */
    static IdxFile read(Path file, int... itemDims) {
        int expectedMagic = UNSIGNED_BYTE << 8 | (1 + itemDims.length);
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = in.readInt();
            if (magic != expectedMagic) {
                throw new DataException(String.format("%s starts with magic number 0x%08x, expected 0x%08x (IDX, "
                        + "unsigned bytes, %d dimensions); %s", file, magic, expectedMagic, 1 + itemDims.length,
                        Mnist.HINT));
            }
            int count = in.readInt();
            int[] dims = new int[itemDims.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readInt();
            }
            if (count < 0 || !Arrays.equals(dims, itemDims)) {
                throw new DataException(file + " holds " + count + " items of " + Arrays.toString(dims) + ", expected "
                        + Arrays.toString(itemDims) + "; " + Mnist.HINT);
            }
            int itemSize = Arrays.stream(itemDims).reduce(1, Math::multiplyExact);
            byte[] data = new byte[Math.multiplyExact(count, itemSize)];
            int got = in.readNBytes(data, 0, data.length);
            if (got < data.length) {
                throw new DataException(file + " ends after " + got / itemSize + " of its " + count
                        + " items: the file is truncated; " + Mnist.HINT);
            }
            if (in.read() >= 0) {
                throw new DataException(file + " has bytes after its " + count + " items, expected it to end there: "
                        + "the file is damaged; " + Mnist.HINT);
            }
            return new IdxFile(count, data);
        } catch (IOException e) {
            throw new DataException(file + " is truncated or damaged (" + e.getMessage() + "), expected an IDX file; "
                    + Mnist.HINT, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GzipCompressorInputStream(in), 1 << 16) : in;
    }
}
