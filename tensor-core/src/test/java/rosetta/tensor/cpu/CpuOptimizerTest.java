package rosetta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.OptimizerOps;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/**
 * The Adam op's argument checks, and FLOAT32 training against the FLOAT64 loop it shares. Hand-computed
 * updates of every form are in the optim module's tests.
 */
class CpuOptimizerTest {
    private final CpuBackend cpu = new CpuBackend();
    private final OptimizerOps ops = cpu.ops().optimizer();

    @Test
    void adamCountsStepsFromOne() {
        try (Tensor w = cpu.allocate(DType.FLOAT64, Shape.of(2));
             Tensor g = cpu.allocate(DType.FLOAT64, Shape.of(2));
             Tensor m = cpu.allocate(DType.FLOAT64, Shape.of(2));
             Tensor v = cpu.allocate(DType.FLOAT64, Shape.of(2))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ops.adam(AdamRule.CORRECTED_STEP_SIZE, 0.001, 0.9, 0.999, 1e-8, 0, 1, 0, w, g, m, v));
            assertTrue(e.getMessage().contains("got step 0"), e.getMessage());
        }
    }

    @Test
    void adamRefusesMomentsOfAnotherShape() {
        try (Tensor w = cpu.allocate(DType.FLOAT64, Shape.of(2));
             Tensor g = cpu.allocate(DType.FLOAT64, Shape.of(2));
             Tensor m = cpu.allocate(DType.FLOAT64, Shape.of(3));
             Tensor v = cpu.allocate(DType.FLOAT64, Shape.of(2))) {
            assertThrows(IllegalArgumentException.class,
                    () -> ops.adam(AdamRule.CORRECTED_STEP_SIZE, 0.001, 0.9, 0.999, 1e-8, 1, 1, 0, w, g, m, v));
        }
    }

    @Test
    void adamInFloat32FollowsFloat64() {
        Shape shape = Shape.of(64);
        for (AdamRule rule : AdamRule.values()) {
            try (Tensor w32 = TestData.uniform(cpu, DType.FLOAT32, shape, 1);
                 Tensor w64 = TestData.convert(w32, DType.FLOAT64);
                 Tensor m32 = cpu.allocate(DType.FLOAT32, shape);
                 Tensor v32 = cpu.allocate(DType.FLOAT32, shape);
                 Tensor m64 = cpu.allocate(DType.FLOAT64, shape);
                 Tensor v64 = cpu.allocate(DType.FLOAT64, shape)) {
                for (int step = 1; step <= 5; step++) {
                    try (Tensor g32 = TestData.uniform(cpu, DType.FLOAT32, shape, 10 + step);
                         Tensor g64 = TestData.convert(g32, DType.FLOAT64)) {
                        ops.adam(rule, 0.01, 0.9, 0.999, 1e-8, step, 0.5, 1e-3, w32, g32, m32, v32);
                        ops.adam(rule, 0.01, 0.9, 0.999, 1e-8, step, 0.5, 1e-3, w64, g64, m64, v64);
                    }
                }
                Tolerance.of(1e-6, 1e-5).assertClose(w64.toDoubleArray(), w32.toDoubleArray(), rule + " w");
                Tolerance.of(1e-6, 1e-5).assertClose(m64.toDoubleArray(), m32.toDoubleArray(), rule + " m");
            }
        }
    }
}
