package rosetta.datasets.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/** Writes small {@code .tar.gz} archives for tests. */
public final class Archives {
    private Archives() {
    }

    /** One entry per map entry, in the map's order; a name ending in '/' becomes a folder entry. */
    public static Path writeTarGz(Path archive, Map<String, byte[]> entries) throws IOException {
        return writeTarGz(archive, entries, Deflater.DEFAULT_COMPRESSION);
    }

    /** As {@link #writeTarGz(Path, Map)} at a deflate level; {@link Deflater#NO_COMPRESSION} is fastest. */
    public static Path writeTarGz(Path archive, Map<String, byte[]> entries, int level) throws IOException {
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(level);
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file, gzip))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                if (!e.getKey().endsWith("/")) {
                    entry.setSize(e.getValue().length);
                }
                tar.putArchiveEntry(entry);
                if (!e.getKey().endsWith("/")) {
                    tar.write(e.getValue());
                }
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    /** Cuts {@code file} down to {@code fraction} of its length. */
    public static void truncate(Path file, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }
}
