package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loading chain without a GPU: stand-ins for libcublas.so.13 and the cuDNN 9 family are
 * built with gcc into a folder that is on no search path; a fresh JVM finds them through
 * -Drosetta.cuda.path, loads them (a sub-library whose dependency loads later is retried), loads the
 * forwarding libraries, and then JCublas 12.6.0 and JCudnn 11.7.0 themselves: their calls must arrive in
 * the stand-ins, and a function the stand-in lacks must answer NOT_SUPPORTED with a line on stderr.
 */
class ForwardingTest {
    @TempDir
    Path dir;

    @Test
    void jcublasAndJcudnnCallsReachTheNewerLibraries() throws Exception {
        Path src = Path.of("src/test/native");
        gcc(src.resolve("fake_cudnn.c"), "libcudnn.so.9");
        gcc(src.resolve("fake_empty.c"), "libcudnn_graph.so.9");
        gcc(src.resolve("fake_empty.c"), "libcudnn_ops.so.9", "-L" + dir, "-l:libcudnn_graph.so.9");
        // sorts before libcudnn_ops.so.9, which it needs: the first pass fails and the second loads it
        gcc(src.resolve("fake_empty.c"), "libcudnn_cnn.so.9", "-L" + dir, "-l:libcudnn_ops.so.9");
        gcc(src.resolve("fake_cublas.c"), "libcublas.so.13");
        gcc(src.resolve("fake_empty.c"), "libcublasLt.so.13");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ForwardingProbe.class.getName(), dir.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "probe failed:\n" + out + err);
        System.out.println(out + err);

        assertTrue(out.contains("via libcudnn.so.8 forwarder") && out.contains("via libcublas.so.12 forwarder"), out);
        assertTrue(out.contains("cudnnGetVersion 90100"), out);
        assertTrue(out.matches("(?s).*cudnnCreate 0 \\S*5eed\\S*.*"), out);
        assertTrue(out.matches("(?s).*cublasCreate 0 \\S*b1a5\\S*.*"), out);
        assertTrue(out.contains("cudnnDestroy 3000"), out);
        assertTrue(err.contains("libcudnn.so.8 forwarding library: cudnnDestroy is not in libcudnn.so.9"), err);
    }

    private void gcc(Path source, String soname, String... link) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-o",
                dir.resolve(soname).toString(), source.toString(), "-Wl,-soname," + soname));
        command.addAll(List.of(link));
        NativeTools.run(command.toArray(String[]::new));
    }
}
