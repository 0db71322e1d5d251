package rosetta.tensor;

/** The requested backend cannot run here; the message is one line naming why and what to do. */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
