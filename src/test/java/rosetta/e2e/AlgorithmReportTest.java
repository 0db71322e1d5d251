package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The algorithm policy acts where the report says: the heuristic picks by its fixed rule, Winograd off
 * removes the Winograd algorithms, and the results record names what each convolution ran.
 */
class AlgorithmReportTest {

    private static JsonNode algorithms(Path dir, String name, String... sets) throws IOException {
        Path json = dir.resolve(name + ".json");
        String[] args = {"train", "--dialect=pytorch", "--synthetic", "--epochs=1", "--limit-train=64",
            "--limit-test=64", "--no-progress", "--json", json.toString()};
        String[] all = new String[args.length + 2 * sets.length];
        System.arraycopy(args, 0, all, 0, args.length);
        for (int i = 0; i < sets.length; i++) {
            all[args.length + 2 * i] = "--set";
            all[args.length + 2 * i + 1] = sets[i];
        }
        Cli cli = Cli.run(all);
        assertEquals(0, cli.exitCode(), cli.toString());
        return new ObjectMapper().readTree(json.toFile()).get("algorithms");
    }

    @Test
    void policiesChangeTheReportedAlgorithms(@TempDir Path dir) throws IOException {
        JsonNode heuristic = algorithms(dir, "heuristic", "conv.algorithm-search=heuristic");
        JsonNode noWinograd = algorithms(dir, "no-winograd", "conv.algorithm-search=heuristic", "conv.winograd=off");
        JsonNode exhaustive = algorithms(dir, "exhaustive", "conv.algorithm-search=exhaustive", "conv.winograd=off");
        // the fixed rule: Winograd F(4x4) for the wide 3x3 stride-1 layers, im2col for the RGB first layer
        assertEquals("winograd-4x4", heuristic.get("conv2").get("forward").asText());
        assertEquals("im2col-gemm", heuristic.get("conv1").get("forward").asText());
        assertNotEquals(heuristic.get("conv2").get("forward"), noWinograd.get("conv2").get("forward"));
        for (JsonNode report : new JsonNode[] {noWinograd, exhaustive}) {
            report.forEach(layer -> layer.forEach(pass -> assertFalse(pass.asText().startsWith("winograd"),
                    "winograd=off still ran " + pass)));
        }
        exhaustive.forEach(layer -> assertEquals(3, layer.size(), "a choice for each pass: " + layer));
        assertTrue(heuristic.has("conv4"));
    }
}
