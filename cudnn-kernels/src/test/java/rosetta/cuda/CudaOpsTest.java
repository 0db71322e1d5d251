package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import rosetta.cuda.check.CheckResult;
import rosetta.cuda.check.CudaOpChecks;
import rosetta.tensor.cpu.CpuBackend;

/**
 * Every CUDA op against the CPU reference (the checks of {@link CudaOpChecks}); each skips, with the
 * reason, where CUDA cannot run.
 */
class CudaOpsTest {
    private static CudaOpChecks.Devices devices;

    @TestFactory
    Stream<DynamicTest> everyOpMatchesTheCpu() {
        return CudaOpChecks.all().stream().map(check -> DynamicTest.dynamicTest(check.name(), () -> {
            String reason = CudaBackendProvider.probe();
            Assumptions.assumeTrue(reason == null, "CUDA unavailable: " + reason);
            CheckResult r = CudaOpChecks.run(check, devices());
            System.out.println(r.line());
            assertTrue(r.passed(), r.line());
        }));
    }

    private static synchronized CudaOpChecks.Devices devices() {
        if (devices == null) {
            devices = new CudaOpChecks.Devices(new CpuBackend(), CudaBackendProvider.open(false),
                    CudaBackendProvider.open(true));
        }
        return devices;
    }

    @AfterAll
    static synchronized void close() {
        if (devices != null) {
            devices.cpu().close();
            devices.gpu().close();
            devices.tf32().close();
            devices = null;
        }
    }
}
