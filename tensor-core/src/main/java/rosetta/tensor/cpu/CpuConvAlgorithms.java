package rosetta.tensor.cpu;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rosetta.tensor.DType;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;

/** The CPU's convolution algorithms by name, and plans that force one: for benchmarks and reports. */
public final class CpuConvAlgorithms {
    private CpuConvAlgorithms() {
    }

    /** Names in the heuristic's order of preference. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (ConvAlgorithm a : ConvAlgorithms.candidates()) {
            out.add(a.name());
        }
        return out;
    }

    /** Whether the named algorithm can run {@code pass} of {@code g} in FLOAT32. */
    public static boolean supports(String name, ConvGeometry g, ConvPass pass) {
        return find(name).supports(g, DType.FLOAT32, pass);
    }

    /** A FLOAT32 plan on {@code cpu} that runs the named algorithm for every pass it supports. */
    public static ConvPlan plan(CpuBackend cpu, ConvGeometry g, String name) {
        ConvAlgorithm a = find(name);
        CpuConv conv = (CpuConv) cpu.ops().conv();
        Map<ConvPass, ConvAlgorithm> chosen = new EnumMap<>(ConvPass.class);
        for (ConvPass pass : ConvPass.values()) {
            chosen.put(pass, a.supports(g, DType.FLOAT32, pass) ? a : conv.reference());
        }
        return conv.forAlgorithms(g, chosen);
    }

    private static ConvAlgorithm find(String name) {
        for (ConvAlgorithm a : ConvAlgorithms.candidates()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no CPU convolution algorithm '" + name + "'; known: " + names());
    }
}
