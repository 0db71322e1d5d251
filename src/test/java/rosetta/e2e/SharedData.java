package rosetta.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's shared data folder ({@code <checkout>/../shared/data}, or {@code -Drosetta.shared.data}),
 * found by walking up from the working directory; tests that need it skip where it is absent.
 */
final class SharedData {
    private SharedData() {
    }

    static Optional<Path> folder(String name) {
        String property = System.getProperty("rosetta.shared.data");
        if (property != null) {
            Path p = Path.of(property).resolve(name);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
