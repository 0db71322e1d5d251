package rosetta.optim;

import java.util.Objects;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.Reduction;

/**
 * Adam in any framework's form ({@link AdamRule}). The moments live in each parameter's
 * {@code state("adam.m")} and {@code state("adam.v")}, zero before the first step; the bias correction
 * uses {@link #stepCount()} + 1, so a run resumed with {@link #setStepCount} continues it.
 *
 * <p>The benchmark's GRU uses lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-8 in every framework
 * (reference/benchmark.md §1, §6). The versions it ran (PyTorch 0.3.1, TF, Keras, MXNet) all had the
 * {@link AdamRule#CORRECTED_STEP_SIZE} form; CNTK's notebook had {@link AdamRule#UNDAMPED_FIRST_MOMENT}.
 * Because Adam divides by sqrt(v), scaling the gradient (the {@link LearningRateUnit}, the loss
 * reduction) changes the step only through epsilon.
 */
public final class Adam extends PerParameterOptimizer {
    /** The state key of the first moment. */
    public static final String FIRST_MOMENT = "adam.m";
    /** The state key of the second moment. */
    public static final String SECOND_MOMENT = "adam.v";

    private final AdamRule rule;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Adam(AdamRule rule, double learningRate, double beta1, double beta2, double epsilon,
            LearningRateUnit unit, Reduction lossReduction, WeightDecay decay) {
        super(learningRate, unit, lossReduction, decay);
        this.rule = Objects.requireNonNull(rule, "Adam rule");
        this.beta1 = checkedDecayRate("beta1", beta1);
        this.beta2 = checkedDecayRate("beta2", beta2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite number > 0 (it keeps m / (sqrt(v) + eps)"
                    + " finite where a gradient is zero), got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    public AdamRule rule() {
        return rule;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    void update(Parameter p, double learningRate, double gradientScale, double weightDecay, long step) {
        p.value().backend().ops().optimizer().adam(rule, learningRate, beta1, beta2, epsilon, step,
                gradientScale, weightDecay, p.value(), p.gradient(), p.state(FIRST_MOMENT),
                p.state(SECOND_MOMENT));
    }

    @Override
    String name() {
        return "adam";
    }

    @Override
    String settings() {
        return "beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ", rule=" + rule;
    }
}
