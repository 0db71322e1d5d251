package rosetta.tensor.gru;

import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruPlan;

/**
 * The checks every GRU op makes of its arguments against its plan: shapes, the plan's dtype, and the bias
 * sets the variant has. Each failure is one IllegalArgumentException naming the argument. A passing
 * check allocates nothing (messages are composed only on failure), so a training step stays
 * allocation-free.
 */
public final class GruArguments {
    private GruArguments() {
    }

    public static void checkForward(GruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
            Tensor biasHh, Tensor y) {
        checkInputs(p, x, h0, weightIh, weightHh);
        checkBiases(p, biasIh, biasHh, "biasIh", "biasHh");
        check(p, y, p.outputShape(), "GRU output y");
    }

    /** dx and dh0 may be null (not wanted); the bias gradients follow the variant's bias sets. */
    public static void checkBackward(GruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor y,
            Tensor dy, Tensor dx, Tensor dh0, Tensor dWeightIh, Tensor dWeightHh, Tensor dBiasIh, Tensor dBiasHh) {
        checkInputs(p, x, h0, weightIh, weightHh);
        check(p, y, p.outputShape(), "GRU output y");
        check(p, dy, p.outputShape(), "GRU output gradient dy");
        if (dx != null) {
            check(p, dx, p.inputShape(), "GRU input gradient dx");
        }
        if (dh0 != null) {
            check(p, dh0, p.stateShape(), "GRU initial state gradient dh0");
        }
        check(p, dWeightIh, weightIh.shape(), "GRU gradient dWeightIh");
        check(p, dWeightHh, weightHh.shape(), "GRU gradient dWeightHh");
        checkBiases(p, dBiasIh, dBiasHh, "gradient dBiasIh", "gradient dBiasHh");
    }

    private static void checkInputs(GruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh) {
        check(p, x, p.inputShape(), "GRU input x");
        if (h0 != null) {
            check(p, h0, p.stateShape(), "GRU initial state h0");
        }
        int gateRows = 3 * p.spec().hiddenSize();
        if (!fits(p, weightIh, gateRows, p.spec().inputSize())) {
            check(p, weightIh, Shape.of(gateRows, p.spec().inputSize()), "GRU weightIh");
        }
        if (!fits(p, weightHh, gateRows, p.spec().hiddenSize())) {
            check(p, weightHh, Shape.of(gateRows, p.spec().hiddenSize()), "GRU weightHh");
        }
    }

    private static void checkBiases(GruPlan p, Tensor biasIh, Tensor biasHh, String ihName, String hhName) {
        int gateRows = 3 * p.spec().hiddenSize();
        if (!fits(p, biasIh, gateRows)) {
            check(p, biasIh, Shape.of(gateRows), "GRU " + ihName);
        }
        if (p.spec().recurrentBias() && biasHh == null) {
            throw new IllegalArgumentException("this GRU has two bias sets: pass the " + hhName + " "
                    + Shape.of(gateRows));
        }
        if (!p.spec().recurrentBias() && biasHh != null) {
            throw new IllegalArgumentException("this GRU has one bias set: pass null for the " + hhName);
        }
        if (biasHh != null && !fits(p, biasHh, gateRows)) {
            check(p, biasHh, Shape.of(gateRows), "GRU " + hhName);
        }
    }

    /** Whether {@link #check} would pass for the matrix shape [rows, cols], without building the shape. */
    private static boolean fits(GruPlan p, Tensor t, int rows, int cols) {
        return t != null && t.dtype() == p.dtype() && t.shape().rank() == 2 && t.shape().dim(0) == rows
                && t.shape().dim(1) == cols;
    }

    /** Whether {@link #check} would pass for the vector shape [length], without building the shape. */
    private static boolean fits(GruPlan p, Tensor t, int length) {
        return t != null && t.dtype() == p.dtype() && t.shape().rank() == 1 && t.shape().dim(0) == length;
    }

    private static void check(GruPlan p, Tensor t, Shape shape, String what) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is missing; expected " + shape);
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException(what + " has shape " + t.shape() + ", expected " + shape
                    + " for " + p);
        }
        if (t.dtype() != p.dtype()) {
            throw new IllegalArgumentException(what + " is " + t.dtype() + " but the plan runs in " + p.dtype());
        }
    }
}
