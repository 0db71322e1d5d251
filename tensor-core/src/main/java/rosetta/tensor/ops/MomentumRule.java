package rosetta.tensor.ops;

/**
 * The SGD-with-momentum update each framework implements (g is the scaled, decayed gradient, v the
 * velocity, m the momentum, lr the learning rate). With a constant learning rate the first three give the
 * same weights; they part when the rate changes between steps, since the rate sits inside or outside v.
 */
public enum MomentumRule {
    /** v = m v + g; w -= lr v. PyTorch {@code optim.SGD} (torch/optim/sgd.py), TF {@code ApplyMomentum}. */
    LR_OUTSIDE,
    /** v = m v - lr g; w += v. Keras {@code SGD}, Lasagne {@code momentum}, Chainer {@code MomentumSGD}, MXNet {@code sgd_mom_update}. */
    LR_INSIDE,
    /** v = m v + lr g; w -= v. Caffe2 {@code MomentumSGDUpdate} (nesterov=0), CNTK with {@code unit_gain=False}. */
    LR_INSIDE_POSITIVE,
    /** v = m v + (1 - m) lr g; w -= v. CNTK's default unit-gain momentum (Common.cpp s_defaultUnitGainValue). */
    UNIT_GAIN,
    /** v = m v + g; w -= lr (g + m v). PyTorch nesterov=True, TF use_nesterov=True. */
    NESTEROV_LR_OUTSIDE,
    /** v = m v - lr g; w += m v - lr g. Keras nesterov=True, Lasagne {@code nesterov_momentum}. */
    NESTEROV_LR_INSIDE,
    /** v' = m v + lr g; w -= (1 + m) v' - m v. Caffe2 {@code momentum_sgd_update} with nesterov=1 (SgdOptimizer's default). */
    NESTEROV_CAFFE2
}
