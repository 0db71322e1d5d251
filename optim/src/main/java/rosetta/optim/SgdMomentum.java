package rosetta.optim;

import java.util.Objects;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Reduction;

/**
 * SGD with momentum in any framework's formula ({@link MomentumRule}). The velocity lives in each
 * parameter's {@code state("velocity")}, zero before the first step.
 *
 * <p>The benchmark's CNN uses lr 0.01, momentum 0.9, no decay and the mean minibatch gradient in every
 * framework (reference/benchmark.md §4, §6): the rules then agree, except {@link MomentumRule#UNIT_GAIN},
 * which CNTK's notebook switched off with {@code unit_gain=False}.
 */
public final class SgdMomentum extends PerParameterOptimizer {
    /** The state key of the velocity buffer. */
    public static final String VELOCITY = "velocity";

    private final MomentumRule rule;
    private final double momentum;

    public SgdMomentum(MomentumRule rule, double learningRate, double momentum, LearningRateUnit unit,
            Reduction lossReduction, WeightDecay decay) {
        super(learningRate, unit, lossReduction, decay);
        this.rule = Objects.requireNonNull(rule, "momentum rule");
        this.momentum = checkedDecayRate("momentum", momentum);
    }

    public MomentumRule rule() {
        return rule;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    void update(Parameter p, double learningRate, double gradientScale, double weightDecay, long step) {
        p.value().backend().ops().optimizer().sgdMomentum(rule, learningRate, momentum, gradientScale,
                weightDecay, p.value(), p.gradient(), p.state(VELOCITY));
    }

    @Override
    String name() {
        return "sgd";
    }

    @Override
    String settings() {
        return "momentum=" + momentum + ", rule=" + rule;
    }
}
