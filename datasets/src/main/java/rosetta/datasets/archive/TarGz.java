package rosetta.datasets.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Streams the files of a {@code .tar.gz} archive without unpacking it to disk. */
public final class TarGz {
    private TarGz() {
    }

    /** Receives one regular file of the archive. */
    @FunctionalInterface
    public interface EntryVisitor {
        /**
         * {@code content} yields exactly this entry's bytes (fewer if the archive is truncated) and must
         * not be closed.
         */
        void visit(String name, long size, InputStream content) throws IOException;
    }

    /** True for the names gzip-compressed tar archives go by. */
    public static boolean isArchiveName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /**
     * Visits every regular file in archive order. A damaged or truncated archive surfaces as an
     * {@link IOException} from here or from the visitor's reads.
     */
    public static void forEachFile(Path archive, EntryVisitor visitor) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    visitor.visit(entry.getName(), entry.getSize(), tar);
                }
            }
        }
    }
}
