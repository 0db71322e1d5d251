package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** binutils and gcc from the tests (both come with gcc, which this module's build needs anyway). */
final class NativeTools {
    /** The forwarding libraries and the JNI libraries whose imports they must cover. */
    static final String CUDNN_SHIM = "/rosetta/cuda/native/libcudnn.so.8";
    static final String CUBLAS_SHIM = "/rosetta/cuda/native/libcublas.so.12";
    static final String JCUDNN_JNI = "/lib/libJCudnn-12.6.0-linux-x86_64.so";
    static final String JCUBLAS2_JNI = "/lib/libJCublas2-12.6.0-linux-x86_64.so";

    private NativeTools() {
    }

    /** A class-path resource as a file of its own (resources inside jars are copied out). */
    static Path resource(String name, Path dir) throws IOException {
        try (InputStream in = NativeTools.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is not on the class path");
            Path file = dir.resolve(Path.of(name).getFileName().toString());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    /** The names of a SHIM(name) list file. */
    static List<String> shimList(String file) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("^SHIM\\((\\w+)\\)", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("src/main/native", file)));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Functions a library defines, each as name@@version (or plain name when unversioned). */
    static Set<String> exported(Path library) throws IOException, InterruptedException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : run("nm", "-D", "--defined-only", library.toString()).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[1].equals("T")) {
                out.add(parts[2]);
            }
        }
        return out;
    }

    /** Symbols a library imports, each as name@version. */
    static Set<String> imported(Path library) throws IOException, InterruptedException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : run("nm", "-D", "--undefined-only", library.toString()).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                out.add(parts[1]);
            }
        }
        return out;
    }
}
