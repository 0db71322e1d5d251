package rosetta.datasets.imdb;

import java.io.IOException;
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
            long[] sizeAndTime = new long[2];
            try (Stream<Path> files = Files.find(path, Integer.MAX_VALUE, (p, a) -> a.isRegularFile())) {
                files.forEach(f -> add(f, sizeAndTime));
            }
            return new SourceKey(path.toString(), sizeAndTime[0], sizeAndTime[1]);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static void add(Path file, long[] sizeAndTime) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            sizeAndTime[0] += a.size();
            sizeAndTime[1] = Math.max(sizeAndTime[1], a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
