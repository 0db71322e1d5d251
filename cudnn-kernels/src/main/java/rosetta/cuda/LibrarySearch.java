package rosetta.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the NVIDIA libraries are looked for, in this order: the directories of the system property
 * {@code rosetta.cuda.path} (colon-separated), {@code LD_LIBRARY_PATH}, the dynamic linker's cache
 * ({@code ldconfig -p}), {@code /usr/local/cuda*}, and the NVIDIA wheels of the first {@code python3} on
 * the PATH ({@code site-packages/nvidia/.../lib}, as PyTorch ships cuBLAS and cuDNN, and
 * {@code site-packages/torch/lib}).
 */
final class LibrarySearch {
    static final String PATH_PROPERTY = "rosetta.cuda.path";

    private final List<Path> directories;
    private final Map<String, Path> linkerCache;

    LibrarySearch(List<Path> directories, Map<String, Path> linkerCache) {
        this.directories = List.copyOf(directories);
        this.linkerCache = Map.copyOf(linkerCache);
    }

    /** The search this machine offers, gathered once per call (it runs ldconfig and python3). */
    static LibrarySearch system() {
        List<Path> dirs = new ArrayList<>();
        dirs.addAll(pathList(System.getProperty(PATH_PROPERTY)));
        dirs.addAll(pathList(System.getenv("LD_LIBRARY_PATH")));
        Map<String, Path> cache = parseLdconfig(run(List.of("ldconfig", "-p"), "/sbin/ldconfig"));
        dirs.addAll(cudaToolkitDirectories(Path.of("/usr/local")));
        String sitePackages = run(List.of("python3", "-c",
                "import site; print('\\n'.join(site.getsitepackages() + [site.getusersitepackages()]))"), null);
        for (String line : sitePackages.split("\n")) {
            if (!line.isBlank()) {
                dirs.addAll(wheelDirectories(Path.of(line.trim())));
            }
        }
        return new LibrarySearch(dirs, cache);
    }

    /** The first file called {@code fileName} in the search order, if any. */
    Optional<Path> find(String fileName) {
        for (Path dir : directories) {
            Path candidate = dir.resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        Path cached = linkerCache.get(fileName);
        return cached != null && Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }

    /** Where this search looked, for error messages. */
    String describe() {
        Set<String> shown = new LinkedHashSet<>();
        directories.forEach(d -> shown.add(d.toString()));
        return "-D" + PATH_PROPERTY + ", LD_LIBRARY_PATH, ldconfig -p, /usr/local/cuda*, python3's nvidia wheels"
                + (shown.isEmpty() ? "" : " (" + String.join(":", shown) + ")");
    }

    static List<Path> pathList(String value) {
        List<Path> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(":")) {
                if (!part.isBlank()) {
                    out.add(Path.of(part));
                }
            }
        }
        return out;
    }

    /** {@code ldconfig -p} lines look like {@code libcudnn.so.9 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcudnn.so.9}. */
    static Map<String, Path> parseLdconfig(String output) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int arrow = line.indexOf("=>");
            int paren = line.indexOf(" (");
            if (arrow > 0 && paren > 0 && line.contains("x86-64")) {
                out.putIfAbsent(line.substring(0, paren).trim(), Path.of(line.substring(arrow + 2).trim()));
            }
        }
        return out;
    }

    /** /usr/local/cuda*&#47;lib64 and targets/x86_64-linux/lib, newest-looking name first. */
    static List<Path> cudaToolkitDirectories(Path root) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> p.getFileName().toString().startsWith("cuda"))
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                    .forEach(p -> {
                        out.add(p.resolve("lib64"));
                        out.add(p.resolve("targets/x86_64-linux/lib"));
                    });
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** site-packages/nvidia/{cublas,cudnn,cu13,...}/lib and torch/lib. */
    static List<Path> wheelDirectories(Path sitePackages) {
        List<Path> out = new ArrayList<>();
        Path nvidia = sitePackages.resolve("nvidia");
        if (Files.isDirectory(nvidia)) {
            try (Stream<Path> walk = Files.walk(nvidia, 2)) {
                walk.filter(p -> p.getFileName().toString().equals("lib") && Files.isDirectory(p))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                return out;
            }
        }
        Path torch = sitePackages.resolve("torch/lib");
        if (Files.isDirectory(torch)) {
            out.add(torch);
        }
        return out;
    }

    /** A command's standard output, or "" when it cannot run; {@code fallback} is tried when the command is not on the PATH. */
    private static String run(List<String> command, String fallback) {
        String out = runOnce(command);
        if (out == null && fallback != null) {
            List<String> again = new ArrayList<>(command);
            again.set(0, fallback);
            out = runOnce(again);
        }
        return out == null ? "" : out;
    }

    private static String runOnce(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = p.getInputStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                return p.exitValue() == 0 ? text : null;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
