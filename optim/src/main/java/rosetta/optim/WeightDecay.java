package rosetta.optim;

import java.util.Objects;
import rosetta.layers.ParamRole;

/**
 * L2 weight decay as the update sees it: {@code coefficient * w} is added to the gradient the learning
 * rate multiplies (a batch mean under {@link LearningRateUnit#MINIBATCH}; under
 * {@link LearningRateUnit#SAMPLE}, a sum over N examples, so the term added is N times larger). Each
 * framework's form maps onto it as follows (reference/defaults-*.md §5):
 * <ul>
 *   <li>PyTorch {@code SGD(weight_decay=wd)}, {@code Adam(weight_decay=wd)}: coefficient wd,
 *       {@link Scope#ALL} (every parameter of the group, biases included).</li>
 *   <li>MXNet Module {@code wd}: coefficient wd, {@link Scope#WEIGHTS_ONLY}: {@code set_wd_mult} gives
 *       multiplier 0 to every parameter whose name does not end in {@code _weight}/{@code _gamma}
 *       ({@code python/mxnet/optimizer.py} @1.1.0); the kernel decays inside the rate,
 *       v = m v - lr (rescale_grad g + wd w).</li>
 *   <li>MXNet Gluon {@code Trainer} {@code wd}: coefficient wd, {@link Scope#ALL} ({@code wd_mult=1} on
 *       every parameter).</li>
 *   <li>Caffe2 {@code add_weight_decay(model, wd)}: coefficient wd, {@link Scope#WEIGHTS_ONLY}
 *       ({@code caffe2/python/optimizer.py}, weights_only=True).</li>
 *   <li>Keras {@code kernel_regularizer=l2(l)}: the loss gains l Σw², whose gradient is 2 l w, so
 *       coefficient 2l; the scope is whichever layers' kernels carry it, usually
 *       {@link Scope#WEIGHTS_ONLY} ({@code keras/regularizers.py}).</li>
 *   <li>TF {@code l2_regularizer(s)}: the loss gains s ½Σw² ({@code L2Loss} halves), so coefficient s,
 *       usually {@link Scope#WEIGHTS_ONLY}.</li>
 *   <li>CNTK {@code l2_regularization_weight=l2}: coefficient l2, {@link Scope#ALL}. CNTK's l2 is per
 *       example: the learner adds {@code l2 * N * w} to the summed gradient ({@code PreProcess} in
 *       Learner.cpp), which is what this record does under either unit.</li>
 *   <li>Chainer {@code WeightDecay(rate)} hook: coefficient rate, {@link Scope#ALL} (g += rate w for
 *       every parameter).</li>
 *   <li>Lasagne {@code λ * regularize_network_params(net, l2)} added to the loss: l2 = Σw² (no ½), so
 *       coefficient 2λ, {@link Scope#WEIGHTS_ONLY} (only parameters tagged {@code regularizable}).</li>
 * </ul>
 */
public record WeightDecay(double coefficient, Scope scope) {

    /** Which parameters decay. */
    public enum Scope {
        /** Every parameter, biases included. */
        ALL,
        /** Every parameter except those of role {@link ParamRole#BIAS}. */
        WEIGHTS_ONLY
    }

    public WeightDecay {
        if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
            throw new IllegalArgumentException("weight decay coefficient must be a finite number >= 0, got "
                    + coefficient);
        }
        Objects.requireNonNull(scope, "weight decay scope");
    }

    /** No decay (the benchmark's setting in every framework). */
    public static WeightDecay none() {
        return new WeightDecay(0, Scope.ALL);
    }

    /** The coefficient for a parameter of {@code role}: 0 for a bias under {@link Scope#WEIGHTS_ONLY}. */
    public double coefficientFor(ParamRole role) {
        return scope == Scope.WEIGHTS_ONLY && role == ParamRole.BIAS ? 0 : coefficient;
    }

    /** {@code none}, {@code 5.0E-4 all} or {@code 5.0E-4 weights-only}, for reports. */
    @Override
    public String toString() {
        if (coefficient == 0) {
            return "none";
        }
        return coefficient + (scope == Scope.ALL ? " all" : " weights-only");
    }
}
