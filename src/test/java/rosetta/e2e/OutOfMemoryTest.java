package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Running out of memory is one line with advice, not a stack trace (run in a JVM with a small heap). */
class OutOfMemoryTest {

    @Test
    void outOfMemoryIsOneLineWithAdvice() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                "rosetta.cli.Rosetta", "train", "--synthetic", "--limit-train=256", "--limit-test=64", "--no-progress"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        assertEquals(1, p.exitValue(), err);
        List<String> errors = err.lines().filter(l -> l.startsWith("rosetta: error:")).toList();
        assertEquals(1, errors.size(), err);
        assertTrue(errors.get(0).contains("out of memory") && errors.get(0).contains("--batch-size"), err);
        assertTrue(err.lines().noneMatch(l -> l.startsWith("\tat ")), err);
    }
}
