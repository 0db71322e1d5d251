package rosetta.models.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the classic comparison published for each dialect (K80, November 2017), so a bench table can
 * show this engine's figures beside the frameworks' own.
 */
public final class ClassicResults {
    /** Accuracy in % and training seconds as published. */
    public record Entry(double accuracyPercent, double seconds) {
    }

    private static final Map<String, Entry> ENTRIES = load();

    private ClassicResults() {
    }

    public static Optional<Entry> of(String model, String dialect) {
        return Optional.ofNullable(ENTRIES.get(model + "/" + dialect));
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> out = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ClassicResults.class.getResourceAsStream("/rosetta/classic-results.csv"), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                out.put(f[0] + "/" + f[1], new Entry(Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
