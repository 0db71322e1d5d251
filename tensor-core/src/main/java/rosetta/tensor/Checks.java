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

    /** C = op(A) op(B) with every operand a matrix and the dimensions chaining, op a transpose where asked. */
    public static void gemmOperands(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        rank(a, 2, "gemm A");
        rank(b, 2, "gemm B");
        rank(c, 2, "gemm C");
        int m = a.shape().dim(transA ? 1 : 0);
        int k = a.shape().dim(transA ? 0 : 1);
        int kb = b.shape().dim(transB ? 1 : 0);
        int n = b.shape().dim(transB ? 0 : 1);
        if (k != kb || c.shape().dim(0) != m || c.shape().dim(1) != n) {
            throw new IllegalArgumentException("gemm shapes do not chain: A" + a.shape() + (transA ? "^T" : "")
                    + " B" + b.shape() + (transB ? "^T" : "") + " C" + c.shape());
        }
    }
}
