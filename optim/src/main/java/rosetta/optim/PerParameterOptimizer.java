package rosetta.optim;

import java.util.List;
import java.util.Objects;
import rosetta.layers.Parameter;
import rosetta.tensor.ops.Reduction;

/**
 * An optimiser that updates each parameter on its own with one fused backend op. It owns what every
 * such optimiser shares: the learning rate, the step count, and how the loss gradient is scaled and
 * decayed ({@link LearningRateUnit}, loss {@link Reduction}, {@link WeightDecay}) before the op sees it.
 */
abstract class PerParameterOptimizer implements Optimizer {
    private final LearningRateUnit unit;
    private final Reduction lossReduction;
    private final WeightDecay decay;
    private double learningRate;
    private long steps;

    PerParameterOptimizer(double learningRate, LearningRateUnit unit, Reduction lossReduction,
            WeightDecay decay) {
        this.learningRate = checkedLearningRate(learningRate);
        this.unit = Objects.requireNonNull(unit, "learning-rate unit");
        this.lossReduction = Objects.requireNonNull(lossReduction, "loss reduction");
        this.decay = Objects.requireNonNull(decay, "weight decay");
    }

    /**
     * Updates one parameter in place from its gradient. {@code gradientScale} and {@code weightDecay}
     * are the op's arguments of the same names; {@code step} is this update's number, counted from 1.
     */
    abstract void update(Parameter parameter, double learningRate, double gradientScale, double weightDecay,
            long step);

    /** Short name for reports, e.g. {@code sgd}. */
    abstract String name();

    /** The optimiser's own settings for reports, e.g. {@code momentum=0.9, rule=LR_OUTSIDE}. */
    abstract String settings();

    @Override
    public final void step(List<Parameter> parameters, int batchSize) {
        double gradientScale = unit.gradientScale(lossReduction, batchSize);
        double decayScale = unit.summedExamples(batchSize);
        long step = steps + 1;
        // by index: a training step allocates nothing, not even an iterator
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            update(p, learningRate, gradientScale, decayScale * decay.coefficientFor(p.role()), step);
        }
        steps = step;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = checkedLearningRate(learningRate);
    }

    @Override
    public final long stepCount() {
        return steps;
    }

    @Override
    public final void setStepCount(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        this.steps = steps;
    }

    @Override
    public final String describe() {
        return name() + "(lr=" + learningRate + ", " + settings() + ", lr-unit=" + unit + ", loss=" + lossReduction
                + ", weight-decay=" + decay + ")";
    }

    /** Checks that a decay rate such as momentum or Adam's betas lies in [0, 1). */
    static double checkedDecayRate(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    private static double checkedLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + learningRate);
        }
        return learningRate;
    }
}
