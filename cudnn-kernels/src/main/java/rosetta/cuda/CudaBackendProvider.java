package rosetta.cuda;

import rosetta.tensor.Backend;
import rosetta.tensor.BackendProvider;
import rosetta.tensor.BackendUnavailableException;

/**
 * The cuda backend, found by {@link java.util.ServiceLoader}. Whether it can run is decided once per
 * process: a driver, a device of compute capability 8.0 or newer, and cuBLAS and cuDNN that load.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static String reason;
    private static NativeLibraries.Loaded libraries;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String unavailableReason() {
        return probe();
    }

    /** Convolutions may use TF32 tensor cores, as PyTorch's default (see {@link CudaBackend}). */
    @Override
    public Backend create() {
        String why = probe();
        if (why != null) {
            throw new BackendUnavailableException("backend cuda is unavailable: " + why);
        }
        return new CudaBackend(libraries, true);
    }

    /** Opens a backend with TF32 convolutions on or off (the op checks compare FP32 with the CPU). */
    public static CudaBackend open(boolean tf32) {
        String why = probe();
        if (why != null) {
            throw new BackendUnavailableException("backend cuda is unavailable: " + why);
        }
        return new CudaBackend(libraries, tf32);
    }

    /** Null when CUDA can run here, else one line saying why not. */
    public static synchronized String probe() {
        if (reason == null && libraries == null) {
            try {
                LibrarySearch search = LibrarySearch.system();
                CudaDevice.probe(search);
                libraries = NativeLibraries.load(search);
            } catch (BackendUnavailableException e) {
                reason = e.getMessage();
            } catch (LinkageError | RuntimeException e) {
                reason = "CUDA libraries failed to start: " + NativeLibraries.oneLine(String.valueOf(e));
            }
        }
        return reason;
    }
}
