package rosetta.datasets;

/**
 * Data that cannot be used as it is: missing, damaged or in another format. The message is one line
 * saying what was found, what was expected and what to run; the command line prints only that line.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
