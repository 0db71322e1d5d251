package rosetta.tensor.cpu;

import java.util.function.Supplier;
import rosetta.tensor.Backend;
import rosetta.tensor.BackendProvider;

/**
 * The CPU backend runs everywhere; its default GEMM needs the OpenBLAS natives bundled for the platform.
 * Two start-up settings, read once here: {@code -Drosetta.cpu.sgemm=openblas|java-blocked} and
 * {@code -Drosetta.cpu.threads=N} (default: every core).
 */
public final class CpuBackendProvider implements BackendProvider {
    static final String SGEMM_PROPERTY = "rosetta.cpu.sgemm";
    static final String THREADS_PROPERTY = "rosetta.cpu.threads";

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String unavailableReason() {
        String threads = System.getProperty(THREADS_PROPERTY);
        if (threads != null && count(threads) < 1) {
            return threadsProblem(threads);
        }
        String sgemm = System.getProperty(SGEMM_PROPERTY, "openblas");
        return switch (sgemm) {
            case "openblas" -> OpenBlas.unavailableReason();
            case "java-blocked" -> null;
            default -> SGEMM_PROPERTY + "=" + sgemm + " is not a GEMM; use openblas or java-blocked";
        };
    }

    @Override
    public Backend create() {
        Supplier<Sgemm> sgemm = System.getProperty(SGEMM_PROPERTY, "openblas").equals("java-blocked")
                ? BlockedSgemm::new : OpenBlasSgemm::new;
        String threads = System.getProperty(THREADS_PROPERTY);
        if (threads == null) {
            return new CpuBackend(sgemm, Runtime.getRuntime().availableProcessors());
        }
        if (count(threads) < 1) {
            throw new IllegalArgumentException(threadsProblem(threads));
        }
        return new CpuBackend(sgemm, count(threads));
    }

    /** The thread count a setting asks for; 0 when it is not a whole number. */
    private static int count(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String threadsProblem(String value) {
        return THREADS_PROPERTY + "=" + value + " is not a thread count; give a whole number of at least 1";
    }
}
