package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cuBLAS and cuDNN function the engine can reach is forwarded: the JCublas2/JCudnn methods the
 * compiled classes call (read with javap), the C functions their JNI wrappers call (read from the JNI
 * library's machine code with objdump: the PLT targets of each Java_..._Native function), and the
 * forwarding libraries' lists must agree. A JCudnn call added to the engine without its function in
 * cudnn8-symbols.def fails here instead of killing the JVM on a GPU machine with a missing symbol.
 */
class ShimCoverageTest {
    @TempDir
    Path dir;

    @Test
    void everyCudnnFunctionTheEngineReachesIsForwarded() throws Exception {
        check("jcuda/jcudnn/JCudnn", "cudnn", NativeTools.JCUDNN_JNI, "cudnn8-symbols.def");
    }

    @Test
    void everyCublasFunctionTheEngineReachesIsForwarded() throws Exception {
        check("jcuda/jcublas/JCublas2", "cublas", NativeTools.JCUBLAS2_JNI, "cublas12-symbols.def");
    }

    private void check(String javaClass, String prefix, String jniResource, String list) throws Exception {
        Set<String> methods = calledMethods(javaClass, prefix);
        assertFalse(methods.isEmpty(), "the engine calls no " + javaClass + " method?");
        Map<String, Set<String>> calls = jniCalls(NativeTools.resource(jniResource, dir), prefix);
        Set<String> forwarded = new HashSet<>(NativeTools.shimList(list));
        List<String> problems = new ArrayList<>();
        for (String method : methods) {
            String jni = "Java_" + javaClass.replace('/', '_') + "_" + method.replace("_", "_1") + "Native";
            Set<String> targets = calls.get(jni);
            if (targets == null || targets.isEmpty()) {
                problems.add(method + ": no native wrapper " + jni + " calling a " + prefix + " function");
                continue;
            }
            for (String target : targets) {
                if (!forwarded.contains(target)) {
                    problems.add(method + " calls " + target + ", which " + list + " does not forward");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Names of {@code javaClass}'s methods starting with {@code prefix} that the main classes call. */
    private static Set<String> calledMethods(String javaClass, String prefix) throws Exception {
        List<String> classes;
        try (Stream<Path> walk = Files.walk(Path.of("target/classes/rosetta"))) {
            classes = walk.filter(p -> p.toString().endsWith(".class")).map(Path::toString).toList();
        }
        List<String> args = new ArrayList<>(List.of("-c", "-p"));
        args.addAll(classes);
        StringWriter out = new StringWriter();
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        Set<String> methods = new TreeSet<>();
        Matcher m = Pattern.compile("Method " + Pattern.quote(javaClass) + "\\.(" + prefix + "\\w+):").matcher(out.toString());
        while (m.find()) {
            methods.add(m.group(1));
        }
        return methods;
    }

    /** For each JNI function of the library, the {@code prefix}* functions it calls or jumps to through the PLT. */
    private static Map<String, Set<String>> jniCalls(Path library, String prefix) throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        Pattern function = Pattern.compile("^[0-9a-f]+ <(Java_\\w+)>:");
        Pattern call = Pattern.compile("\\s(?:call|jmp)\\s+[0-9a-f]+ <(" + prefix + "\\w*)@plt>");
        String current = null;
        for (String line : NativeTools.run("objdump", "-d", "--no-show-raw-insn", library.toString()).split("\n")) {
            Matcher f = function.matcher(line);
            if (f.find()) {
                current = f.group(1);
                continue;
            }
            if (line.matches("^[0-9a-f]+ <.*>:")) {
                current = null;
            }
            Matcher c = call.matcher(line);
            if (current != null && c.find()) {
                out.computeIfAbsent(current, k -> new TreeSet<>()).add(c.group(1));
            }
        }
        return out;
    }
}
