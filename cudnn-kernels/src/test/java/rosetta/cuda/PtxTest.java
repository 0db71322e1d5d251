package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build check on the committed PTX: each .cu source has a PTX whose header carries the source's
 * SHA-256 (scripts/build-ptx.sh regenerates them), and every {@link Kernel} matches the parameter list
 * its PTX entry declares, so a launch's argument order is checked here, without a GPU.
 */
class PtxTest {
    private static final Path SOURCES = Path.of("src/main/cuda");
    private static final Path PTX = Path.of("src/main/resources/rosetta/cuda/ptx");

    @Test
    void everyPtxWasBuiltFromTheCurrentSource() throws IOException {
        List<String> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path cu : files.filter(p -> p.toString().endsWith(".cu")).sorted().toList()) {
                String name = cu.getFileName().toString().replace(".cu", ".ptx");
                Path ptx = PTX.resolve(name);
                assertTrue(Files.isRegularFile(ptx), ptx + " is missing; run scripts/build-ptx.sh");
                String header = Files.readAllLines(ptx, StandardCharsets.UTF_8).get(0);
                String expected = "// source-sha256: " + sha256(Files.readAllBytes(cu));
                if (!header.equals(expected)) {
                    stale.add(name);
                }
            }
        }
        assertTrue(stale.isEmpty(), "PTX older than its .cu source: " + stale + "; run scripts/build-ptx.sh");
    }

    @Test
    void everyPtxHasItsSource() throws IOException {
        try (Stream<Path> files = Files.list(PTX)) {
            for (Path ptx : files.toList()) {
                Path cu = SOURCES.resolve(ptx.getFileName().toString().replace(".ptx", ".cu"));
                assertTrue(Files.isRegularFile(cu), ptx + " has no source " + cu);
            }
        }
    }

    @Test
    void everyKernelMatchesItsPtxParameters() {
        for (Kernel k : Kernel.values()) {
            List<String> declared = parameters(new String(Kernels.ptx(k.module), StandardCharsets.US_ASCII), k.entry);
            assertEquals(k.params.size(), declared.size(), k.entry + " parameter count: " + declared);
            for (int i = 0; i < declared.size(); i++) {
                Kernel.Param p = k.params.get(i);
                String expected = p.struct() ? p.ptxType + "[" + p.bytes + "]" : p.ptxType;
                assertEquals(expected, declared.get(i), k.entry + " parameter " + i + " (" + p + ")");
            }
        }
    }

    @Test
    void theParameterParserReadsScalarsAndStructs() {
        String ptx = ".visible .entry f(\n\t.param .u64 f_param_0,\n\t.param .align 8 .b8 f_param_1[136],\n"
                + "\t.param .f32 f_param_2\n)\n{";
        assertEquals(List.of(".u64", ".b8[136]", ".f32"), parameters(ptx, "f"));
    }

    /** The PTX types of an entry's parameters, in order ({@code .b8[N]} for a struct by value). */
    static List<String> parameters(String ptx, String entry) {
        Matcher m = Pattern.compile("\\.entry " + Pattern.quote(entry) + "\\(([^)]*)\\)").matcher(ptx);
        assertTrue(m.find(), "no .entry " + entry + " in its PTX");
        List<String> out = new ArrayList<>();
        Matcher p = Pattern.compile("\\.param\\s+(?:\\.align\\s+\\d+\\s+)?(\\.\\w+)\\s+\\w+(?:\\[(\\d+)\\])?").matcher(m.group(1));
        while (p.find()) {
            out.add(p.group(2) == null ? p.group(1) : p.group(1) + "[" + p.group(2) + "]");
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
