package rosetta.tensor;

/**
 * A backend the engine can start, found through {@link java.util.ServiceLoader}. A provider reports
 * whether it can run on this machine before anything is created, so start-up can name the reason in
 * one line instead of failing deep inside a library.
 */
public interface BackendProvider {
    /** The name users pass to {@code --backend}. */
    String name();

    /** Null when this backend can run here; otherwise one line saying why not and what to do. */
    String unavailableReason();

    /** Starts the backend; call only when {@link #unavailableReason()} is null. */
    Backend create();
}
