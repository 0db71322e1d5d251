package rosetta.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Chooses the backend once, at start-up: {@code cpu}, {@code cuda}, or {@code auto}. */
public final class Backends {
    private Backends() {
    }

    public static List<BackendProvider> providers() {
        List<BackendProvider> out = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(out::add);
        return out;
    }

    /**
     * Opens the named backend. {@code auto} takes CUDA when a device and its libraries load, else the
     * CPU; the choice and, for a passed-over CUDA, the reason are in {@link Choice#note()}.
     */
    public static Choice open(String name) {
        List<BackendProvider> all = providers();
        if (name.equals("auto")) {
            for (BackendProvider p : all) {
                if (p.name().equals("cuda")) {
                    String reason = p.unavailableReason();
                    if (reason == null) {
                        return new Choice(p.create(), "backend auto: using cuda");
                    }
                    return new Choice(find(all, "cpu").create(), "backend auto: using cpu (" + reason + ")");
                }
            }
            return new Choice(find(all, "cpu").create(), "backend auto: using cpu (no CUDA backend on the class path)");
        }
        BackendProvider p = find(all, name);
        String reason = p.unavailableReason();
        if (reason != null) {
            throw new BackendUnavailableException("backend " + name + " is unavailable: " + reason);
        }
        return new Choice(p.create(), "backend " + name);
    }

    private static BackendProvider find(List<BackendProvider> all, String name) {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : all) {
            if (p.name().equals(name)) {
                return p;
            }
            names.add(p.name());
        }
        throw new BackendUnavailableException("unknown backend '" + name + "'; valid: auto, " + String.join(", ", names));
    }

    /** The opened backend and a one-line note on how it was chosen. */
    public record Choice(Backend backend, String note) {
    }
}
