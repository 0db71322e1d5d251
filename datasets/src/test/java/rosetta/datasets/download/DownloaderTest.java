package rosetta.datasets.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rosetta.datasets.testing.Messages.assertDataError;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rosetta.datasets.DataException;

/** Downloads from an HTTP server on the loopback interface, started per test. */
class DownloaderTest {
    /** 200,000 bytes i % 251. */
    private static final byte[] BODY = body();
    /** MD5 of {@link #BODY}, from Python's {@code hashlib.md5(bytes(i % 251 for i in range(200000)))}. */
    private static final String BODY_MD5 = "415d6e662118c229c6ad3f950c24702a";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data.tar.gz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/broken", exchange -> {
            requests.incrementAndGet();
            byte[] text = "internal error".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    @Test
    void aVerifiedDownloadLandsAtTheTargetWithProgress() throws IOException {
        Path target = tmp.resolve("data.tar.gz");
        List<long[]> progress = new ArrayList<>();
        assertTrue(new Downloader().download(uri("/data.tar.gz"), BODY_MD5, target,
                (bytes, total) -> progress.add(new long[] {bytes, total})));
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals(List.of(), leftovers());
        long[] last = progress.get(progress.size() - 1);
        assertArrayEquals(new long[] {BODY.length, BODY.length}, last);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] > progress.get(i - 1)[0], "progress only grows");
        }
    }

    @Test
    void aCompleteCopyIsKeptWithoutARequest() throws IOException {
        Path target = Files.write(tmp.resolve("data.tar.gz"), BODY);
        assertFalse(new Downloader().download(uri("/data.tar.gz"), BODY_MD5, target, Downloader.Progress.NONE));
        assertEquals(0, requests.get());
    }

    @Test
    void aChecksumMismatchLeavesNothingBehind() throws IOException {
        Path target = tmp.resolve("data.tar.gz");
        String wrong = "00000000000000000000000000000000";
        assertDataError(() -> new Downloader().download(uri("/data.tar.gz"), wrong, target, Downloader.Progress.NONE),
                "has MD5 " + BODY_MD5 + ", expected " + wrong, "run the download again");
        assertFalse(Files.exists(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aMismatchKeepsAnEarlierCompleteCopyUntouched() throws IOException {
        Path target = Files.writeString(tmp.resolve("data.tar.gz"), "an older file");
        assertDataError(() -> new Downloader().download(uri("/data.tar.gz"), "ffffffffffffffffffffffffffffffff",
                target, Downloader.Progress.NONE), "expected ffffffffffffffffffffffffffffffff");
        assertEquals("an older file", Files.readString(target));
    }

    @Test
    void aServerErrorNamesTheStatus() throws IOException {
        Path target = tmp.resolve("data.tar.gz");
        assertDataError(() -> new Downloader().download(uri("/broken"), BODY_MD5, target, Downloader.Progress.NONE),
                "HTTP 500, expected 200", "--synthetic");
        assertFalse(Files.exists(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anUnreachableServerSaysWhatToDoInstead() {
        server.stop(0);
        assertDataError(() -> new Downloader().download(uri("/data.tar.gz"), BODY_MD5, tmp.resolve("x.tar.gz"),
                Downloader.Progress.NONE), "cannot download", "put x.tar.gz in " + tmp, "--synthetic");
    }

    @Test
    void knownSourcesAreNamedAsOnTheCommandLine() {
        assertEquals(KnownSource.CIFAR10, KnownSource.named("cifar10"));
        assertEquals("aclImdb_v1.tar.gz", KnownSource.named("imdb").fileName());
        assertEquals("7c2ac02c03563afcf9b574c7e56c153b", KnownSource.IMDB.md5());
        String message = assertThrows(DataException.class,
                () -> KnownSource.named("mnist")).getMessage();
        assertEquals("unknown data set 'mnist', expected one of cifar10, imdb", message);
    }

    private static byte[] body() {
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i % 251);
        }
        return body;
    }
}
