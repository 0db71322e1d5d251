package rosetta.tensor.ops;

import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/** The argument checks every backend's GRU makes, with the same messages. */
public final class GruChecks {
    private GruChecks() {
    }

    /** x, the optional h0 and both weight matrices against the plan's shapes and type. */
    public static void inputs(GruPlan p, Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh) {
        int gateRows = 3 * p.spec().hiddenSize();
        check(p, x, p.inputShape(), "GRU input x");
        if (h0 != null) {
            check(p, h0, p.stateShape(), "GRU initial state h0");
        }
        check(p, weightIh, Shape.of(gateRows, p.spec().inputSize()), "GRU weightIh");
        check(p, weightHh, Shape.of(gateRows, p.spec().hiddenSize()), "GRU weightHh");
    }

    /** One or two bias sets, as the plan's formula has them ({@code biasHh} null for one). */
    public static void biases(GruPlan p, Tensor biasIh, Tensor biasHh, String ihName, String hhName) {
        Shape packed = Shape.of(3 * p.spec().hiddenSize());
        check(p, biasIh, packed, "GRU " + ihName);
        if (p.spec().recurrentBias() && biasHh == null) {
            throw new IllegalArgumentException("this GRU has two bias sets: pass the " + hhName + " " + packed);
        }
        if (!p.spec().recurrentBias() && biasHh != null) {
            throw new IllegalArgumentException("this GRU has one bias set: pass null for the " + hhName);
        }
        if (biasHh != null) {
            check(p, biasHh, packed, "GRU " + hhName);
        }
    }

    /** A tensor of the plan: present, of {@code shape} and of the plan's type. */
    public static void check(GruPlan p, Tensor t, Shape shape, String what) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is missing; expected " + shape);
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException(what + " has shape " + t.shape() + ", expected " + shape + " for " + p);
        }
        if (t.dtype() != p.dtype()) {
            throw new IllegalArgumentException(what + " is " + t.dtype() + " but the plan runs in " + p.dtype());
        }
    }
}
