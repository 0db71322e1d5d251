package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rosetta.tensor.Backend;

/** The CPU backend's start-up settings: defaults, the Java GEMM, and one-line reasons for bad values. */
class CpuBackendProviderTest {
    private final CpuBackendProvider provider = new CpuBackendProvider();

    @AfterEach
    void clearSettings() {
        System.clearProperty(CpuBackendProvider.SGEMM_PROPERTY);
        System.clearProperty(CpuBackendProvider.THREADS_PROPERTY);
    }

    @Test
    void defaultsToOpenBlasOnEveryCore() {
        assertNull(provider.unavailableReason());
        try (Backend cpu = provider.create()) {
            int cores = Runtime.getRuntime().availableProcessors();
            assertTrue(cpu.description().startsWith("cpu: " + cores + " of " + cores + " cores, sgemm openblas"),
                    cpu.description());
        }
    }

    @Test
    void runsTheJavaGemmOnTheThreadsAskedFor() {
        System.setProperty(CpuBackendProvider.SGEMM_PROPERTY, "java-blocked");
        System.setProperty(CpuBackendProvider.THREADS_PROPERTY, "1");
        assertNull(provider.unavailableReason());
        try (CpuBackend cpu = (CpuBackend) provider.create()) {
            assertEquals("java-blocked", cpu.sgemmName());
            assertEquals(1, cpu.threads());
        }
    }

    @Test
    void badSettingsGiveOneLineReasons() {
        System.setProperty(CpuBackendProvider.SGEMM_PROPERTY, "mkl");
        assertEquals("rosetta.cpu.sgemm=mkl is not a GEMM; use openblas or java-blocked", provider.unavailableReason());
        System.clearProperty(CpuBackendProvider.SGEMM_PROPERTY);
        System.setProperty(CpuBackendProvider.THREADS_PROPERTY, "two");
        String reason = "rosetta.cpu.threads=two is not a thread count; give a whole number of at least 1";
        assertEquals(reason, provider.unavailableReason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, provider::create);
        assertEquals(reason, e.getMessage());
    }
}
