package rosetta.reference.generator;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes fixtures as indented JSON with every array on one line and "\n" line ends, so the same
 * fixtures give byte-identical files on any machine.
 */
public final class FixtureWriter {
    private final Path root;
    private final ObjectWriter writer;
    private final Set<String> written = new HashSet<>();

    public FixtureWriter(Path root) {
        this.root = root;
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        this.writer = new ObjectMapper().writer(printer);
    }

    public void write(Fixture fixture) {
        String path = fixture.path();
        if (!written.add(path)) {
            throw new IllegalStateException("two fixtures would be written to " + path);
        }
        Path file = root.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            String text = writer.writeValueAsString(fixture.toJson()) + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public int count() {
        return written.size();
    }

    /**
     * Writes {@code INDEX} (every fixture's path, sorted, one per line: what the tests read) and deletes
     * fixture files this run did not write, so a case removed from the generator leaves no stale file.
     */
    public void finish() {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                if (!written.contains(root.relativize(file).toString().replace('\\', '/'))) {
                    Files.delete(file);
                }
            }
            Files.writeString(root.resolve("INDEX"), String.join("\n", new TreeSet<>(written)) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + root, e);
        }
    }
}
