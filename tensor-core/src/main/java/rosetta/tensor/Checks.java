package rosetta.tensor;

/** Argument checks shared by the backends, each failing with a message that names both sides. */
public final class Checks {
    private Checks() {
    }

    public static void sameSize(Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("size mismatch: " + a.shape() + " vs " + b.shape());
        }
    }

    public static void sameShape(Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("shape mismatch: " + a.shape() + " vs " + b.shape());
        }
    }

    public static void shapeIs(Tensor t, Shape expected, String what) {
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException(what + " has shape " + t.shape() + ", expected " + expected);
        }
    }

    public static void sameDType(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("type mismatch: " + a.dtype() + " vs " + b.dtype());
        }
    }

    public static void floating(Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException("expected a floating tensor, got " + t);
        }
    }

    public static void rank(Tensor t, int rank, String what) {
        if (t.shape().rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + ", got " + t.shape());
        }
    }
}
