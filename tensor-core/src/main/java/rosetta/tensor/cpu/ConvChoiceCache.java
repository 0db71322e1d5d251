package rosetta.tensor.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The winners of the exhaustive algorithm search, kept in a file so that every run on this machine after
 * the first picks the same algorithms. Timing decides a winner, and timing varies between runs: without
 * the record two runs of the same seed would differ in the last bits (as PyTorch's
 * {@code cudnn.benchmark} runs do), and a run resumed from a checkpoint would not compute as the
 * interrupted one did. TensorFlow's autotune results and MIOpen's find-db are kept the same way. Delete
 * the file to search again.
 */
final class ConvChoiceCache {
    /** Where the record lives unless {@code -Drosetta.cpu.algorithm-cache=PATH} (or {@code none}) says otherwise. */
    static final String PROPERTY = "rosetta.cpu.algorithm-cache";

    private final Path file;
    private final Properties choices = new Properties();

    /** A record kept in {@code file}; null keeps it in memory only. */
    ConvChoiceCache(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                choices.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable record is searched again and rewritten, never trusted
                choices.clear();
            }
        }
    }

    /** The record named by the system property, by default in {@code ~/.rosetta/cache}. */
    static ConvChoiceCache fromSystem() {
        String setting = System.getProperty(PROPERTY);
        if ("none".equals(setting)) {
            return new ConvChoiceCache(null);
        }
        Path file = setting != null ? Path.of(setting)
                : Path.of(System.getProperty("user.home"), ".rosetta", "cache", "cpu-conv-algorithms.properties");
        return new ConvChoiceCache(file);
    }

    synchronized String get(String key) {
        return choices.getProperty(key);
    }

    /** Records a winner and rewrites the file atomically. */
    synchronized void put(String key, String algorithm) {
        choices.setProperty(key, algorithm);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                choices.store(out, "exhaustive convolution search winners: geometry/type/pass/policy/threads/gemm = algorithm");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record convolution algorithm choices in " + file + ": "
                    + e.getMessage() + " (set -D" + PROPERTY + "=none to keep them in memory)", e);
        }
    }
}
