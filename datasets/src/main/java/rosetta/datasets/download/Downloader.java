package rosetta.datasets.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import rosetta.datasets.DataException;

/**
 * The only way data enters Rosetta from the network. A download goes to a temporary file next to its
 * target, is checked against its MD5 and only then renamed onto the target, atomically, so a target
 * that exists is always complete.
 */
public final class Downloader {
    private static final int CHUNK = 1 << 16;

    /** Told how far a download is; {@code total} is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (bytes, total) -> { };

        void update(long bytes, long total);
    }

    private final HttpClient client;

    public Downloader() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build());
    }

    public Downloader(HttpClient client) {
        this.client = client;
    }

    /** Puts {@code source}'s archive in {@code dataDir}, unless a complete copy is there, and returns its path. */
    public Path fetch(KnownSource source, Path dataDir, Progress progress) {
        Path target = dataDir.resolve(source.fileName());
        download(source.uri(), source.md5(), target, progress);
        return target;
    }

    /**
     * Downloads {@code uri} to {@code target}, which appears only if the MD5 matches {@code md5}. A target
     * that already has that MD5 is kept; returns whether a download took place.
     */
    public boolean download(URI uri, String md5, Path target, Progress progress) {
        if (Files.isRegularFile(target) && md5(target).equalsIgnoreCase(md5)) {
            return false;
        }
        Path tmp = null;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
            String actual = copy(uri, tmp, progress);
            if (!actual.equalsIgnoreCase(md5)) {
                throw new DataException("the download of " + uri + " has MD5 " + actual + ", expected " + md5
                        + ": it is damaged or the file has changed; run the download again");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new DataException("cannot download " + uri + " (" + e + "); check the network, or put "
                    + target.getFileName() + " in " + target.toAbsolutePath().getParent()
                    + " yourself, or use --synthetic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("the download of " + uri + " was interrupted", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Streams the body of {@code uri} into {@code file}; returns its MD5 in hex. */
    private String copy(URI uri, Path file, Progress progress) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest md5 = newMd5();
        try (InputStream in = new DigestInputStream(response.body(), md5);
                OutputStream out = Files.newOutputStream(file)) {
            if (response.statusCode() != 200) {
                throw new DataException("the server answered " + uri + " with HTTP " + response.statusCode()
                        + ", expected 200; try again later, or put the file in the data folder yourself, or use "
                        + "--synthetic");
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            byte[] buffer = new byte[CHUNK];
            long bytes = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
                bytes += n;
                progress.update(bytes, total);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The MD5 of a file in hex. */
    public static String md5(Path file) {
        MessageDigest md5 = newMd5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // the download already failed or succeeded; a leftover .part file is harmless and named as such
        }
    }
}
