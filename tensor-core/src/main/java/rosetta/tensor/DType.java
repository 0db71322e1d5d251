package rosetta.tensor;

/** Element types a tensor can hold. */
public enum DType {
    /** Training precision on every backend. */
    FLOAT32(4),
    /** CPU only: finite-difference gradient checks need it. */
    FLOAT64(8),
    /** Class labels and token ids. */
    INT32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return this != INT32;
    }
}
