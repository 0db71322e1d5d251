package rosetta.models.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rosetta.layers.Parameter;
import rosetta.models.dialect.Dialect;
import rosetta.models.spec.GruModel;
import rosetta.models.spec.ModelSpec;
import rosetta.models.spec.Vgg;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.cpu.OpenBlasSgemm;
import rosetta.tensor.cpu.bench.Allocations;

/**
 * The benchmark models' training steps at the benchmark's batch, built from the real layers (what
 * {@code rosetta bench --kernels} times), on two threads: once warm a step allocates nothing, layers,
 * loss and optimiser included, and the same seed gives the same bits. The convolutions take the heuristic
 * algorithms, so that the test times nothing and writes no record of the search.
 */
class TrainingStepTest {
    private static final CpuBackend CPU = new CpuBackend(OpenBlasSgemm::new, 2);

    @AfterAll
    static void close() {
        CPU.close();
    }

    static Stream<ModelSpec> models() {
        return Stream.of(Vgg.benchmark(), GruModel.benchmark());
    }

    private static TrainingStep step(ModelSpec spec, long seed) {
        Dialect pytorch = Dialect.builtIn("pytorch").forModel(spec.name()).with("conv.algorithm-search", "heuristic");
        return new TrainingStep(CPU, spec, pytorch, seed);
    }

    /**
     * HotSpot's per-thread allocation counters, on the calling thread and the backend's workers. The median
     * step must allocate nothing: a per-call allocation anywhere would show in every step, while the JVM's
     * own rare allocations (a deoptimisation rebuilding a frame) show in a few.
     */
    @ParameterizedTest
    @MethodSource("models")
    void aWarmStepAllocatesNothing(ModelSpec spec) {
        try (TrainingStep step = step(spec, 1)) {
            for (int i = 0; i < 4; i++) {
                step.run();
            }
            Allocations allocations = new Allocations();
            long[] perStep = new long[9];
            for (int i = 0; i < perStep.length; i++) {
                Allocations.Sample before = allocations.sample();
                step.run();
                perStep[i] = allocations.between(before, allocations.sample());
            }
            Arrays.sort(perStep);
            assertEquals(0, perStep[perStep.length / 2], spec.name() + ": median bytes allocated per warm step, of "
                    + Arrays.toString(perStep));
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void sameSeedSameThreadsSameBits(ModelSpec spec) {
        try (TrainingStep first = step(spec, 7); TrainingStep second = step(spec, 7)) {
            for (int i = 0; i < 2; i++) {
                first.run();
                second.run();
            }
            List<Parameter> a = first.parameters();
            List<Parameter> b = second.parameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).value().toFloatArray(), b.get(i).value().toFloatArray(),
                        spec.name() + " " + a.get(i).name());
            }
        }
    }
}
