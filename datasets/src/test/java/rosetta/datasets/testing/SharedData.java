package rosetta.datasets.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's real data files, {@code <repository>/../shared/data}, for tests that skip without them.
 * The system property {@code rosetta.shared.data} names the folder explicitly; otherwise the first
 * ancestor of the working directory with a {@code shared/data} folder holds it. Walking up finds it from
 * the main checkout and from a worktree nested one level deeper alike, wherever Maven is started.
 */
public final class SharedData {
    private SharedData() {
    }

    /** {@code relative} under the shared data folder; skips the calling test if it is not there. */
    public static Path require(String relative) {
        Path dir = folder();
        Path file = dir == null ? null : dir.resolve(relative);
        assumeTrue(file != null && Files.exists(file), () -> "skipped: the real data " + relative + " is not in "
                + (dir == null ? "a shared/data folder above " + Path.of("").toAbsolutePath() : dir)
                + " (-Drosetta.shared.data=DIR points at another)");
        return file;
    }

    /** The module's build folder, where converted real data is cached between runs. */
    public static Path buildDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    }

    private static Path folder() {
        String explicit = System.getProperty("rosetta.shared.data");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared").resolve("data"))) {
                return dir.resolve("shared").resolve("data");
            }
        }
        return null;
    }
}
