package rosetta.models.dialect;

/**
 * A dialect cannot be found, read or trusted. The message is one line that names the file, the knob and
 * the valid values, so the command line can print it as is.
 */
public class DialectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DialectException(String message) {
        super(message);
    }

    public DialectException(String message, Throwable cause) {
        super(message, cause);
    }
}
