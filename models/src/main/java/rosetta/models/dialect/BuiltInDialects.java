package rosetta.models.dialect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialects shipped in the jar. Their names come from {@code dialects/index.txt}, since a jar's
 * resource folder cannot be listed portably; each is parsed once and then shared (dialects are immutable).
 */
final class BuiltInDialects {
    private static final String INDEX = "/dialects/index.txt";
    private static final Map<String, Dialect> LOADED = new ConcurrentHashMap<>();

    private BuiltInDialects() {
    }

    static List<String> names() {
        return Index.NAMES;
    }

    static Dialect get(String name) {
        if (!names().contains(name)) {
            throw new DialectException("unknown dialect '" + name + "'; built-in dialects: " + String.join(", ", names())
                    + "; or load a copy you edited with --dialect-file PATH");
        }
        return LOADED.computeIfAbsent(name, n -> DialectReader.read(new DialectLocation.BuiltIn(n)));
    }

    /** Read on first use, so a broken index fails where it is used, with its own message. */
    private static final class Index {
        static final List<String> NAMES = read();

        private static List<String> read() {
            try (InputStream in = BuiltInDialects.class.getResourceAsStream(INDEX)) {
                if (in == null) {
                    throw new IllegalStateException(INDEX + " is missing from the class path; rebuild the models module");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return lines.lines().map(String::trim).filter(line -> !line.isEmpty()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + INDEX, e);
            }
        }
    }
}
