package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import rosetta.cuda.check.CheckResult;
import rosetta.cuda.check.CudaOpChecks;
import rosetta.tensor.cpu.CpuBackend;

/**
 * The op checks themselves, without a GPU: with a second CPU backend in the place of CUDA every check
 * must pass (its shapes, arguments and tolerances are sound), except the refusal checks, which must
 * fail because the CPU computes what CUDA refuses. So the one GPU run cannot fail on a broken check.
 */
class CudaOpChecksSelfTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final CpuBackend STAND_IN = new CpuBackend();

    @TestFactory
    Stream<DynamicTest> everyCheckPassesCpuAgainstCpu() {
        CudaOpChecks.Devices devices = new CudaOpChecks.Devices(CPU, STAND_IN, STAND_IN);
        return CudaOpChecks.all().stream().map(check -> DynamicTest.dynamicTest(check.name(), () -> {
            CheckResult r = CudaOpChecks.run(check, devices);
            assertEquals(!check.refusal(), r.passed(), r.line());
        }));
    }

    @AfterAll
    static void close() {
        CPU.close();
        STAND_IN.close();
    }
}
