package rosetta.tensor.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;

/**
 * Central-difference gradient checks in double precision. The caller defines a scalar loss over the
 * current contents of some FLOAT64 tensors, computes the analytic gradient once, and asks this class to
 * compare it with (L(x + h) - L(x - h)) / 2h for every element. An element passes when
 * |analytic - numeric| <= floor + rtol * max(|analytic|, |numeric|).
 */
public final class GradientCheck {
    public static final double STEP = 1e-6;
    public static final double RTOL = 1e-5;
    public static final double FLOOR = 1e-8;

    private GradientCheck() {
    }

    public static void check(String what, Tensor input, Tensor analytic, DoubleSupplier loss) {
        check(what, input, analytic, loss, STEP, RTOL, FLOOR);
    }

    public static void check(String what, Tensor input, Tensor analytic, DoubleSupplier loss,
            double step, double rtol, double floor) {
        if (input.dtype() != DType.FLOAT64 || analytic.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradient checks run in FLOAT64");
        }
        double[] x = input.toDoubleArray();
        double[] expected = analytic.toDoubleArray();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + step;
            input.backend().copyFromHost(x, 0, input);
            double up = loss.getAsDouble();
            x[i] = saved - step;
            input.backend().copyFromHost(x, 0, input);
            double down = loss.getAsDouble();
            x[i] = saved;
            input.backend().copyFromHost(x, 0, input);
            double numeric = (up - down) / (2 * step);
            double error = Math.abs(numeric - expected[i]);
            double allowed = floor + rtol * Math.max(Math.abs(numeric), Math.abs(expected[i]));
            worst = Math.max(worst, error / allowed);
            assertTrue(error <= allowed, what + "[" + i + "]: analytic " + expected[i] + ", numeric " + numeric
                    + " (error " + error + " > " + allowed + ")");
        }
        assertTrue(x.length > 0, what + " has no elements to check");
    }
}
