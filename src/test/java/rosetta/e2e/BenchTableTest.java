package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench` writes the table of the classic comparison as Markdown, CSV, JSON and a PNG chart. */
class BenchTableTest {

    @Test
    void writesTheTableInEveryFormat(@TempDir Path out) throws IOException {
        Cli cli = Cli.run("bench", "--model", "vgg", "--dialects", "pytorch,caffe2", "--synthetic", "--epochs", "1",
                "--limit-train", "32", "--limit-test", "32", "--batch-size", "32", "--out", out.toString());
        assertEquals(0, cli.exitCode(), cli.toString());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("| caffe2 ") && l.contains("| 79 ")), cli.out());
        String csv = Files.readString(out.resolve("results.csv"));
        assertEquals(3, csv.lines().count(), csv);
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"dialect\" : \"pytorch\""));
        byte[] png = Files.readAllBytes(out.resolve("results.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }
}
