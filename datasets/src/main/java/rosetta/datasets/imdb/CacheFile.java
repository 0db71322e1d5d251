package rosetta.datasets.imdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A cache file: an 8-byte magic, the body, and the body's CRC-32. Written to a temporary file and renamed,
 * so a reader never sees half a file; a file that is missing, short, of another kind or fails its
 * checksum reads as absent, and the caller rebuilds it.
 */
final class CacheFile {
    private static final int MAGIC_BYTES = 8;

    private CacheFile() {
    }

    /** Writes {@code body} as filled, from its start to its position, under an 8-character {@code magic}. */
    static void write(Path file, String magic, ByteBuffer body) throws IOException {
        body.flip();
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        ByteBuffer[] parts = {ByteBuffer.wrap(magic(magic)), body,
            ByteBuffer.allocate(Long.BYTES).putLong(crc.getValue()).flip()};
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                while (parts[parts.length - 1].hasRemaining()) {
                    out.write(parts);
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The body, positioned at its start, or empty if the file is absent or damaged. */
    static Optional<ByteBuffer> read(Path file, String magic) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (bytes.length < MAGIC_BYTES + Long.BYTES || !ByteBuffer.wrap(bytes, 0, MAGIC_BYTES)
                .equals(ByteBuffer.wrap(magic(magic)))) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, MAGIC_BYTES, bytes.length - MAGIC_BYTES - Long.BYTES).slice();
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        long stored = ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
        return crc.getValue() == stored ? Optional.of(body) : Optional.empty();
    }

    private static byte[] magic(String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (m.length != MAGIC_BYTES) {
            throw new IllegalArgumentException("a cache magic has 8 characters: " + magic);
        }
        return m;
    }
}
