package rosetta.datasets.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import rosetta.datasets.DataException;

/** Checks that bad data fails with one line that names what it must. */
public final class Messages {
    private Messages() {
    }

    /** Runs {@code action}, expects a {@link DataException} of one line containing every one of {@code parts}. */
    public static String assertDataError(Executable action, String... parts) {
        String message = assertThrows(DataException.class, action).getMessage();
        assertFalse(message.contains("\n"), () -> "not one line: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
        }
        return message;
    }
}
