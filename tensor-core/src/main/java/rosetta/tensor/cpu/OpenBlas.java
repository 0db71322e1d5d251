package rosetta.tensor.cpu;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Loads OpenBLAS once, from the natives bundled in org.bytedeco:openblas (no system library needed), and
 * makes it single-threaded: the CPU backend splits work over its own threads and calls OpenBLAS from each
 * of them, so OpenBLAS's own pool would only oversubscribe the cores.
 */
final class OpenBlas {
    private static final String VERSION = openblas_nolapack.OPENBLAS_VERSION.trim();
    private static String unavailableReason;
    private static boolean attempted;

    private OpenBlas() {
    }

    /** Null when OpenBLAS is loaded; otherwise one line saying why it could not load and what to do. */
    static synchronized String unavailableReason() {
        if (!attempted) {
            attempted = true;
            try {
                Loader.load(openblas_nolapack.class);
                org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                unavailableReason = "OpenBLAS could not load on " + Loader.getPlatform() + " (" + e.getMessage()
                        + "); start with -D" + CpuBackendProvider.SGEMM_PROPERTY + "=java-blocked for the Java GEMM";
            }
        }
        return unavailableReason;
    }

    /** Loads OpenBLAS or fails with the one-line reason. */
    static void require() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }

    /** The bundled library's version, e.g. {@code OpenBLAS 0.3.31}. */
    static String version() {
        return VERSION;
    }
}
