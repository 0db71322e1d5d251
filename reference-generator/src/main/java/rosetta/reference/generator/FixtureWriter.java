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
}
