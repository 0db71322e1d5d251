package rosetta.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jcuda.jcublas.JCublas2;
import jcuda.jcudnn.JCudnn;
import rosetta.tensor.BackendUnavailableException;

/**
 * Loads cuBLAS and cuDNN for JCublas 12.6.0 and JCudnn 11.7.0, whose JNI libraries need
 * {@code libcublas.so.12} and {@code libcudnn.so.8} with those symbol versions. Where only CUDA 13 and
 * cuDNN 9 are installed, the real libraries are loaded first by absolute path, then the forwarding
 * libraries built with this module ({@code src/main/native/forward.c}) under the old sonames; the
 * dynamic linker then satisfies the JNI libraries' dependencies by soname with the forwarders, whose
 * calls go on to the real libraries. Where the old versions themselves are installed they are loaded
 * directly and no forwarder is used.
 *
 * <p>cuDNN 9 is a dispatcher ({@code libcudnn.so.9}) that opens its sub-libraries by soname when first
 * needed; they are loaded here from the same directory first, so that they are found even when that
 * directory is on no search path (PyTorch's {@code torch/__init__.py} preloads its wheels' libraries for
 * the same reason).
 */
final class NativeLibraries {
    private static Loaded loaded;

    private NativeLibraries() {
    }

    /** What was loaded, for the backend's description. */
    record Loaded(String cublas, String cudnn) {
    }

    /** Loads once per process; a failure is a one-line {@link BackendUnavailableException}. */
    static synchronized Loaded load(LibrarySearch search) {
        if (loaded == null) {
            // some builds of the libraries below link the CUDA runtime dynamically; it is loaded first when present
            search.find("libcudart.so.13").ifPresent(NativeLibraries::tryLoad);
            String cublas = loadCublas(search);
            String cudnn = loadCudnn(search);
            initialise("JCublas2", JCublas2::initialize);
            initialise("JCudnn", JCudnn::initialize);
            loaded = new Loaded(cublas, cudnn);
        }
        return loaded;
    }

    private static String loadCublas(LibrarySearch search) {
        Optional<Path> old = search.find("libcublas.so.12");
        if (old.isPresent()) {
            search.find("libcublasLt.so.12").ifPresent(NativeLibraries::systemLoad);
            systemLoad(old.get());
            return "cuBLAS " + old.get();
        }
        Path real = search.find("libcublas.so.13").orElseThrow(() -> new BackendUnavailableException(
                "cuBLAS not found: no libcublas.so.13 or libcublas.so.12 in " + search.describe()
                        + "; install CUDA 13 (or pip install nvidia-cublas) or name its lib folder with -D"
                        + LibrarySearch.PATH_PROPERTY));
        Path lt = real.resolveSibling("libcublasLt.so.13");
        systemLoad(Files.isRegularFile(lt) ? lt : search.find("libcublasLt.so.13").orElseThrow(() ->
                new BackendUnavailableException("cuBLAS found at " + real + " but libcublasLt.so.13 is missing")));
        systemLoad(real);
        systemLoad(shim("libcublas.so.12"));
        return "cuBLAS " + real + " via libcublas.so.12 forwarder";
    }

    private static String loadCudnn(LibrarySearch search) {
        for (String version : List.of("9", "8")) {
            Optional<Path> main = search.find("libcudnn.so." + version);
            if (main.isPresent()) {
                // cuDNN 9's engines compile some kernels at run time with NVRTC; without it they are skipped
                search.find("libnvrtc.so.13").ifPresent(NativeLibraries::tryLoad);
                loadFamily(main.get(), version);
                if (version.equals("9")) {
                    systemLoad(shim("libcudnn.so.8"));
                    return "cuDNN " + main.get() + " via libcudnn.so.8 forwarder";
                }
                return "cuDNN " + main.get();
            }
        }
        throw new BackendUnavailableException("cuDNN not found: no libcudnn.so.9 or libcudnn.so.8 in " + search.describe()
                + "; install cuDNN 9 (or pip install nvidia-cudnn-cu13) or name its lib folder with -D"
                + LibrarySearch.PATH_PROPERTY);
    }

    /**
     * Loads libcudnn*.so.VERSION of one directory in as many passes as their mutual dependencies need
     * (a library whose dependency is not loaded yet fails and is retried after the others). The
     * dispatcher and the sub-libraries of the legacy API this engine calls must load; an engine
     * library that cannot (e.g. without NVRTC) only narrows cuDNN's choice.
     */
    private static void loadFamily(Path main, String version) {
        List<Path> pending = new ArrayList<>();
        try (Stream<Path> files = Files.list(main.getParent())) {
            files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("libcudnn") && n.endsWith(".so." + version);
            }).sorted().forEach(pending::add);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot list " + main.getParent() + ": " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            errors.clear();
            for (Path p : List.copyOf(pending)) {
                try {
                    System.load(p.toString());
                    pending.remove(p);
                    progress = true;
                } catch (UnsatisfiedLinkError e) {
                    errors.add(p.getFileName() + ": " + oneLine(e.getMessage()));
                }
            }
        }
        List<String> required = version.equals("9")
                ? List.of("libcudnn.so.9", "libcudnn_graph.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9")
                : List.of("libcudnn.so.8");
        for (Path p : pending) {
            if (required.contains(p.getFileName().toString())) {
                throw new BackendUnavailableException("cuDNN at " + main.getParent() + " does not load: "
                        + String.join("; ", errors));
            }
        }
    }

    private static void initialise(String what, Runnable init) {
        try {
            init.run();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new BackendUnavailableException(what + " JNI library does not load: " + oneLine(e.getMessage()));
        }
    }

    private static void systemLoad(Path path) {
        try {
            System.load(path.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new BackendUnavailableException("cannot load " + path + ": " + oneLine(e.getMessage()));
        }
    }

    private static void tryLoad(Path path) {
        try {
            System.load(path.toString());
        } catch (UnsatisfiedLinkError e) {
            // optional: what needs it then fails to load with its own message
        }
    }

    /** Copies a forwarding library out of the jar into a private temporary folder. */
    private static Path shim(String soname) {
        String resource = "/rosetta/cuda/native/" + soname;
        try (InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BackendUnavailableException("the jar lacks " + resource + "; rebuild it with mvn package (gcc builds it)");
            }
            Path dir = Files.createTempDirectory("rosetta-cuda");
            Path file = dir.resolve(soname);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot unpack " + resource + ": " + e.getMessage());
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
