package rosetta.cuda.check;

import java.util.List;
import rosetta.cuda.CudaBackend;
import rosetta.cuda.CudaBackendProvider;
import rosetta.tensor.Backend;
import rosetta.tensor.Backends;

/**
 * The CUDA op checks without Maven or JUnit, for the GPU machine: one PASS/FAIL line per op with its
 * largest error, then "N passed, M failed". Exit status 0 when all pass, 1 when any fails, 2 when CUDA
 * cannot run here (the reason is printed).
 */
public final class CudaCheckMain {
    private CudaCheckMain() {
    }

    public static void main(String[] args) {
        String reason = CudaBackendProvider.probe();
        if (reason != null) {
            System.out.println("CUDA unavailable: " + reason);
            System.exit(2);
        }
        int passed = 0;
        int failed = 0;
        // through the provider, so -Drosetta.cpu.sgemm=java-blocked runs the reference without OpenBLAS
        try (Backend cpu = Backends.open("cpu").backend();
             CudaBackend gpu = CudaBackendProvider.open(false);
             CudaBackend tf32 = CudaBackendProvider.open(true)) {
            System.out.println(gpu.description());
            CudaOpChecks.Devices devices = new CudaOpChecks.Devices(cpu, gpu, tf32);
            List<CudaOpChecks.OpCheck> checks = CudaOpChecks.all();
            for (CudaOpChecks.OpCheck check : checks) {
                CheckResult r = CudaOpChecks.run(check, devices);
                System.out.println(r.line());
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
