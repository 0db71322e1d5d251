package rosetta.tensor.ops;

import rosetta.tensor.DType;
import rosetta.tensor.Tensor;

/** 2-D max pooling. */
public interface PoolOps {
    PoolPlan plan(PoolGeometry geometry, DType dtype);

    void forward(PoolPlan plan, Tensor x, Tensor y);

    /** dx (overwritten) from dy; {@code x} and {@code y} are the tensors of the matching forward. */
    void backward(PoolPlan plan, Tensor x, Tensor y, Tensor dy, Tensor dx);
}
