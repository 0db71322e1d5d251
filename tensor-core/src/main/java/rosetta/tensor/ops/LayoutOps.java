package rosetta.tensor.ops;

import rosetta.tensor.Tensor;

/** Axis permutations, e.g. NCHW to NHWC. */
public interface LayoutOps {
    /** y = x with its axes reordered: axis {@code i} of y is axis {@code axes[i]} of x. */
    void permute(Tensor x, Tensor y, int... axes);
}
