package rosetta.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.random.RngStream;
import rosetta.tensor.testing.GradientCheck;
import rosetta.tensor.testing.TestData;

class DropoutTest {
    private static final Backend CPU = new CpuBackend();
    private static final int N = 100_000;

    @Test
    void trainingDropsAboutRateAndScalesTheRest() {
        try (Dropout drop = new Dropout("drop1", 0.25, DropoutMode.HONOUR_FLAG, RngStream.seeded(1));
             Tensor x = ones()) {
            double[] y = drop.forward(x, true).toDoubleArray();
            long zeros = Arrays.stream(y).filter(v -> v == 0).count();
            // binomial(100000, 0.25): std 137, so 1% is over 7 standard deviations
            assertEquals(0.25, zeros / (double) N, 0.01);
            assertTrue(Arrays.stream(y).allMatch(v -> v == 0 || Math.abs(v - 1 / 0.75) < 1e-6), "kept scale 1/(1-rate)");
        }
    }

    @Test
    void evaluationIsTheIdentityWhenTheFlagIsHonoured() {
        try (Dropout drop = new Dropout("drop1", 0.5, DropoutMode.HONOUR_FLAG, RngStream.seeded(1));
             Tensor x = ones()) {
            assertSame(x, drop.forward(x, false));
        }
    }

    @Test
    void alwaysDropsEvenInEvaluation() {
        try (Dropout drop = new Dropout("drop1", 0.5, DropoutMode.ALWAYS, RngStream.seeded(1));
             Tensor x = ones()) {
            double[] y = drop.forward(x, false).toDoubleArray();
            assertEquals(0.5, Arrays.stream(y).filter(v -> v == 0).count() / (double) N, 0.01);
        }
    }

    @Test
    void neverDropsEvenInTraining() {
        try (Dropout drop = new Dropout("drop1", 0.5, DropoutMode.NEVER, RngStream.seeded(1));
             Tensor x = ones();
             Tensor dy = ones()) {
            assertSame(x, drop.forward(x, true));
            assertSame(dy, drop.backward(dy));
        }
    }

    @Test
    void eachForwardDrawsAFreshMaskFromItsOwnStream() {
        try (Dropout a = new Dropout("drop1", 0.5, DropoutMode.HONOUR_FLAG, RngStream.seeded(1));
             Dropout b = new Dropout("drop1", 0.5, DropoutMode.HONOUR_FLAG, RngStream.seeded(1));
             Dropout other = new Dropout("drop2", 0.5, DropoutMode.HONOUR_FLAG, RngStream.seeded(1));
             Tensor x = ones()) {
            double[] first = a.forward(x, true).toDoubleArray();
            double[] second = a.forward(x, true).toDoubleArray();
            assertFalse(Arrays.equals(first, second), "a second forward reuses the mask");
            assertTrue(Arrays.equals(first, b.forward(x, true).toDoubleArray()), "same seed and name, other mask");
            assertFalse(Arrays.equals(first, other.forward(x, true).toDoubleArray()), "another name, same mask");
        }
    }

    /** Reseeding a fresh layer for every evaluation holds the mask fixed while x moves. */
    @Test
    void gradientMatchesCentralDifferencesWithTheMaskHeld() {
        try (Tensor x = TestData.uniform(CPU, DType.FLOAT64, Shape.of(4, 6), 3);
             Tensor r = TestData.uniform(CPU, DType.FLOAT64, Shape.of(4, 6), 4);
             Dropout drop = fresh()) {
            drop.forward(x, true);
            Tensor dx = drop.backward(r);
            GradientCheck.check("dropout dx", x, dx, () -> {
                try (Dropout again = fresh()) {
                    return CPU.dot(again.forward(x, true), r);
                }
            });
            assertTrue(Arrays.stream(dx.toDoubleArray()).anyMatch(v -> v == 0), "nothing dropped");
            drop.computeInputGradient(false);
            assertNull(drop.backward(r));
        }
    }

    @Test
    void rateOutsideZeroToOneIsRefused() {
        assertEquals("drop1: dropout rate must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> new Dropout("drop1", 1, DropoutMode.HONOUR_FLAG, RngStream.seeded(1))).getMessage());
    }

    private static Dropout fresh() {
        return new Dropout("drop", 0.5, DropoutMode.HONOUR_FLAG, RngStream.seeded(5));
    }

    private static Tensor ones() {
        Tensor t = CPU.allocate(DType.FLOAT32, Shape.of(N));
        CPU.fill(t, 1);
        return t;
    }
}
