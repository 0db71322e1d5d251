package rosetta.datasets.imdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import rosetta.datasets.DataException;

/**
 * What a cached vocabulary is keyed by: the source's absolute path, size and modification time. For a
 * folder, the total size and the latest modification time of the files under it, so that editing a
 * review invalidates the cache too.
 */
record SourceKey(String path, long bytes, long modifiedMillis) {

    static SourceKey of(Path source) {
        Path path = source.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(path)) {
                return new SourceKey(path.toString(), Files.size(path), Files.getLastModifiedTime(path).toMillis());
            }
            long bytes = 0;
            long modified = 0;
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        bytes += a.size();
                        modified = Math.max(modified, a.lastModifiedTime().toMillis());
                    }
                }
            }
            return new SourceKey(path.toString(), bytes, modified);
        } catch (IOException | UncheckedIOException e) {
            throw new DataException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** A short file-name-safe digest of the key, with {@code extra} (e.g. encoding parameters) mixed in. */
    String id(String extra) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((this + "|" + extra).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
