package rosetta.datasets.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny CIFAR-10 binary files for tests: file {@code f} (0..4 train, 5 test), record {@code r} has label
 * {@code (7 f + r) % 10} and pixel {@code k} equal to {@code (f + 3 r + k) % 256}.
 */
final class CifarFiles {
    static final int RECORDS = 3;

    private CifarFiles() {
    }

    static int label(int file, int record) {
        return (7 * file + record) % 10;
    }

    static int pixel(int file, int record, int k) {
        return (file + 3 * record + k) % 256;
    }

    static byte[] content(int file) {
        byte[] bytes = new byte[RECORDS * CifarBatches.RECORD_BYTES];
        for (int r = 0; r < RECORDS; r++) {
            int at = r * CifarBatches.RECORD_BYTES;
            bytes[at] = (byte) label(file, r);
            for (int k = 0; k < CifarBatches.PIXELS; k++) {
                bytes[at + 1 + k] = (byte) pixel(file, r, k);
            }
        }
        return bytes;
    }

    /** The six files in {@code dir}. */
    static Path writeFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int f = 0; f < CifarBatches.FILES.size(); f++) {
            Files.write(dir.resolve(CifarBatches.FILES.get(f)), content(f));
        }
        return dir;
    }

    /** The archive's entries, the batch files in the order of {@code fileOrder}, among the official extras. */
    static Map<String, byte[]> archiveEntries(String folder, List<Integer> fileOrder) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(folder + "/", new byte[0]);
        entries.put(folder + "/readme.html", "<html></html>".getBytes());
        entries.put(folder + "/batches.meta.txt", "airplane\n".getBytes());
        for (int f : fileOrder) {
            entries.put(folder + "/" + CifarBatches.FILES.get(f), content(f));
        }
        return entries;
    }
}
