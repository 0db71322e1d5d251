package rosetta.tensor;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tensors, plans and other device resources that live and die together (a benchmark's network, a check's
 * inputs): each is registered as it is made and all are closed at once, newest first.
 */
public final class Resources implements AutoCloseable {
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** Registers {@code resource} to be closed with the others, and returns it. */
    public <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!owned.isEmpty()) {
            AutoCloseable c = owned.pop();
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free " + c + ": " + e.getMessage(), e);
            }
        }
    }
}
