package rosetta.tensor.cpu;

import rosetta.tensor.Backend;
import rosetta.tensor.BackendProvider;

/** The CPU backend runs everywhere. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public Backend create() {
        return new CpuBackend();
    }
}
