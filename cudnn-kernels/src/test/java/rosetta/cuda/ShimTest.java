package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarding libraries the build made: the old soname, the old version node, every listed function
 * exported under that version, and each listed function one that the JNI library really imports with
 * that version (a misspelt name would never be called).
 */
class ShimTest {
    @TempDir
    Path dir;

    @Test
    void cudnnShimCarriesTheCudnn8NameAndVersion() throws Exception {
        check(NativeTools.CUDNN_SHIM, NativeTools.JCUDNN_JNI, "libcudnn.so.8", "cudnn8-symbols.def");
    }

    @Test
    void cublasShimCarriesTheCublas12NameAndVersion() throws Exception {
        check(NativeTools.CUBLAS_SHIM, NativeTools.JCUBLAS2_JNI, "libcublas.so.12", "cublas12-symbols.def");
    }

    private void check(String shimResource, String jniResource, String soname, String list) throws Exception {
        Path shim = NativeTools.resource(shimResource, dir);
        Path jni = NativeTools.resource(jniResource, dir);
        String dynamic = NativeTools.run("readelf", "-d", shim.toString());
        assertTrue(dynamic.contains("Library soname: [" + soname + "]"), shim + " soname:\n" + dynamic);
        String versions = NativeTools.run("readelf", "-V", shim.toString());
        assertTrue(versions.contains("Name: " + soname), shim + " lacks the version node " + soname + ":\n" + versions);
        assertTrue(NativeTools.run("readelf", "-d", jni.toString()).contains("Shared library: [" + soname + "]"),
                jni + " does not need " + soname);

        Set<String> exported = NativeTools.exported(shim);
        Set<String> imported = NativeTools.imported(jni);
        List<String> problems = new ArrayList<>();
        for (String name : NativeTools.shimList(list)) {
            if (!exported.contains(name + "@@" + soname)) {
                problems.add(name + " not exported as " + name + "@@" + soname);
            }
            if (!imported.contains(name + "@" + soname)) {
                problems.add(name + " is not imported by " + jni.getFileName());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(exported.stream().allMatch(s -> s.endsWith("@@" + soname)),
                "the shim exports more than the listed functions: " + exported);
    }
}
