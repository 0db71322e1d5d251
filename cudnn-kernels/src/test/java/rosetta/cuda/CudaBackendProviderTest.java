package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import rosetta.tensor.BackendUnavailableException;
import rosetta.tensor.Backends;

/** Without a GPU the cuda backend is a named state with one line of reason, and everything else keeps working. */
class CudaBackendProviderTest {
    @Test
    void isFoundByTheServiceLoader() {
        assertTrue(Backends.providers().stream().anyMatch(p -> p.name().equals("cuda")));
    }

    @Test
    void withoutCudaSaysWhyInOneLineAndAutoTakesTheCpu() {
        String reason = new CudaBackendProvider().unavailableReason();
        Assumptions.assumeTrue(reason != null, "CUDA is available here");
        System.out.println("cuda unavailable: " + reason);
        assertFalse(reason.isBlank());
        assertFalse(reason.contains("\n"), reason);
        Backends.Choice auto = Backends.open("auto");
        try (var backend = auto.backend()) {
            assertEquals("cpu", backend.name());
        }
        assertTrue(auto.note().contains(reason), auto.note());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.open("cuda"));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
