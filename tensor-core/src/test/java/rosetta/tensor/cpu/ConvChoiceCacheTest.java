package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exhaustive-search winners survive the process, so the next run picks the same algorithms. */
class ConvChoiceCacheTest {

    @Test
    void winnersAreReadBackByTheNextRun(@TempDir Path dir) {
        Path file = dir.resolve("choices.properties");
        new ConvChoiceCache(file).put("conv2/forward", "winograd-4x4");
        assertTrue(Files.isRegularFile(file));
        assertEquals("winograd-4x4", new ConvChoiceCache(file).get("conv2/forward"));
        assertNull(new ConvChoiceCache(file).get("conv3/forward"));
    }

    @Test
    void anUnreadableRecordIsIgnored(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("choices.properties");
        Files.write(file, new byte[] {'\\', 'u', 'Z', 'Z'});
        assertNull(new ConvChoiceCache(file).get("anything"));
    }

    @Test
    void inMemoryRecordWritesNoFile() {
        ConvChoiceCache memory = new ConvChoiceCache(null);
        memory.put("k", "im2col-gemm");
        assertEquals("im2col-gemm", memory.get("k"));
    }
}
