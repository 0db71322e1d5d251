package rosetta.reference;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import rosetta.tensor.Backend;
import rosetta.tensor.BackendProvider;
import rosetta.tensor.Backends;
import rosetta.tensor.cpu.CpuBackend;

/**
 * The (fixture, backend) pairs a fixture test runs: every fixture of an op on every backend provider.
 * A backend that cannot run here (no CUDA device) shows as a skipped case naming the reason.
 */
final class ReferenceCases {
    private static final Map<String, Backend> STARTED = new ConcurrentHashMap<>();

    private ReferenceCases() {
    }

    static Stream<Arguments> of(String op) {
        return of(Fixture.ofOp(op));
    }

    static Stream<Arguments> of(List<Fixture> fixtures) {
        List<BackendProvider> providers = Backends.providers();
        return fixtures.stream().flatMap(f -> providers.stream().map(p -> Arguments.of(f, new Named(p))));
    }

    /** The provider's backend, started once per test run; skips the case when it cannot run here. */
    static Backend backend(Named provider) {
        String reason = provider.provider().unavailableReason();
        assumeTrue(reason == null, () -> provider + " backend unavailable: " + reason);
        return STARTED.computeIfAbsent(provider.toString(), n -> provider.provider().create());
    }

    /**
     * Plans an op the way a layer will; a backend other than the CPU reference that refuses the
     * geometry (the CUDA backend cannot express an odd SAME padding total or a ceil-rounded extra pooling
     * window) skips the case with its message, while a refusal by the CPU reference is a failure.
     */
    static void assumeExpressible(Backend backend, Fixture f, Supplier<AutoCloseable> plan) {
        try (AutoCloseable p = plan.get()) {
            assertNotNull(p);
        } catch (IllegalArgumentException e) {
            if (backend instanceof CpuBackend) {
                throw e;
            }
            abort(f + " is refused by this backend: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("closing a plan for " + f, e);
        }
    }

    /** A provider that prints as its name in test reports. */
    record Named(BackendProvider provider) {
        @Override
        public String toString() {
            return provider.name();
        }
    }
}
