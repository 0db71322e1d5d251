package rosetta.datasets.cifar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rosetta.datasets.DataException;
import rosetta.datasets.Split;
import rosetta.datasets.archive.TarGz;

/**
 * Reads the binary version of CIFAR-10 (Krizhevsky 2009) from any of the forms it comes in: the folder
 * {@code cifar-10-batches-bin/} (or the output of {@code MakeCifarBinary.java}), a folder holding it, or
 * the official {@code cifar-10-binary.tar.gz}, streamed. The python-pickle version that the benchmark's
 * notebooks downloaded is recognised and refused with a hint: its pickles would need a Python
 * unpickler, and it holds the same pixels as the binary version.
 */
public final class Cifar10 {
    /** Records in each official file. */
    public static final int RECORDS_PER_FILE = 10_000;
    public static final String FOLDER = "cifar-10-batches-bin";
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    static final String PICKLE_FOLDER = "cifar-10-batches-py";
    static final String PICKLE_ARCHIVE = "cifar-10-python.tar.gz";
    static final String JPEG_ARCHIVE = "cifar-10-jpeg75.tar.gz";
    static final String HINT = "get the binary version with `rosetta download cifar10`, convert the JPEG copy with "
            + "`java MakeCifarBinary.java cifar-10-jpeg75.tar.gz OUTDIR`, or use --synthetic";
    private static final String EXPECTED = "expected data_batch_1..5.bin and test_batch.bin, a " + FOLDER
            + "/ folder holding them, or " + ARCHIVE;

    private Cifar10() {
    }

    /** The 50,000 training and 10,000 test images from {@code source}. */
    public static Split load(Path source) {
        return load(source, RECORDS_PER_FILE);
    }

    /** As {@link #load(Path)} for files of {@code recordsPerFile} records (small copies in tests). */
    public static Split load(Path source, int recordsPerFile) {
        CifarBatches batches = new CifarBatches(recordsPerFile);
        if (Files.isDirectory(source)) {
            readDirectory(source, batches);
        } else if (Files.isRegularFile(source)) {
            readFile(source, batches);
        } else {
            throw new DataException("CIFAR-10 not found: " + source + " does not exist, " + EXPECTED + "; " + HINT);
        }
        return batches.split();
    }

    private static void readDirectory(Path dir, CifarBatches batches) {
        if (CifarBatches.FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)))) {
            readFolder(dir, batches);
        } else if (Files.isDirectory(dir.resolve(FOLDER))) {
            readFolder(dir.resolve(FOLDER), batches);
        } else if (Files.isRegularFile(dir.resolve(ARCHIVE))) {
            readArchive(dir.resolve(ARCHIVE), batches);
        } else if (Files.exists(dir.resolve(PICKLE_FOLDER)) || Files.exists(dir.resolve(PICKLE_ARCHIVE))
                || Files.exists(dir.resolve("data_batch_1")) || Files.exists(dir.resolve("test_batch"))) {
            throw pickle(dir);
        } else if (Files.exists(dir.resolve(JPEG_ARCHIVE))) {
            throw jpeg(dir.resolve(JPEG_ARCHIVE));
        } else {
            throw new DataException("no CIFAR-10 binary data in " + dir + ", " + EXPECTED + "; " + HINT);
        }
    }

    private static void readFile(Path file, CifarBatches batches) {
        String name = file.getFileName().toString();
        if (name.equals(PICKLE_ARCHIVE)) {
            throw pickle(file);
        } else if (name.equals(JPEG_ARCHIVE)) {
            throw jpeg(file);
        } else if (TarGz.isArchiveName(file)) {
            readArchive(file, batches);
        } else {
            throw new DataException(file + " is a single file, " + EXPECTED + "; " + HINT);
        }
    }

    private static void readFolder(Path dir, CifarBatches batches) {
        List<String> missing = CifarBatches.FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new DataException(dir + " lacks " + String.join(", ", missing)
                    + ", expected data_batch_1..5.bin and test_batch.bin; " + HINT);
        }
        for (String name : CifarBatches.FILES) {
            Path file = dir.resolve(name);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                batches.read(name, Files.size(file), in, file.toString());
            } catch (IOException e) {
                throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static void readArchive(Path archive, CifarBatches batches) {
        try {
            TarGz.forEachFile(archive, (name, size, content) -> {
                if (name.contains(PICKLE_FOLDER + "/")) {
                    throw pickle(archive);
                }
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (CifarBatches.isBatchFile(file)) {
                    batches.read(file, size, content, archive + "!" + name);
                }
            });
        } catch (IOException e) {
            throw new DataException(archive + " is truncated or damaged (" + e.getMessage()
                    + "), expected a complete " + ARCHIVE + "; " + HINT, e);
        }
        List<String> missing = batches.missing();
        if (!missing.isEmpty()) {
            throw new DataException(archive + " lacks " + String.join(", ", missing) + ", " + EXPECTED + "; " + HINT);
        }
    }

    private static DataException pickle(Path where) {
        return new DataException(where + " is the python-pickle version of CIFAR-10 (" + PICKLE_FOLDER + "/, "
                + PICKLE_ARCHIVE + ", data_batch_1 without .bin), expected the binary version (" + FOLDER + "/ or "
                + ARCHIVE + "); " + HINT);
    }

    private static DataException jpeg(Path archive) {
        Path dir = archive.toAbsolutePath().getParent();
        return new DataException(archive + " is the JPEG copy of CIFAR-10, expected the binary files "
                + "data_batch_1..5.bin and test_batch.bin: convert it with `java " + dir.resolve("MakeCifarBinary.java")
                + " " + archive.toAbsolutePath() + " OUTDIR` and pass OUTDIR, or use --synthetic");
    }
}
