package rosetta.models.train;

import java.util.EnumSet;
import java.util.Set;
import rosetta.datasets.batching.EvaluationSet;
import rosetta.datasets.batching.LastBatch;
import rosetta.datasets.batching.ShuffleMode;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.spec.Task;
import rosetta.optim.Adam;
import rosetta.optim.LearningRateUnit;
import rosetta.optim.Optimizer;
import rosetta.optim.SgdMomentum;
import rosetta.optim.WeightDecay;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.AdamRule;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.MomentumRule;
import rosetta.tensor.ops.Reduction;

/**
 * Everything about training that a dialect decides, read once from it: the loss, the label encoding,
 * the optimiser, how batches are drawn and what is evaluated. The hyperparameters are the benchmark's.
 */
public record Recipe(Task task, Hyperparameters hyperparameters, LossSpec loss, boolean oneHotLabels,
        ShuffleMode shuffle, LastBatch lastBatch, EvaluationSet evaluation, Layout dataLayout,
        OptimizerSettings optimizer) {

    /** The optimiser a dialect trains with; {@link #create()} makes a fresh one. */
    public record OptimizerSettings(Task task, MomentumRule momentumRule, AdamRule adamRule,
            Hyperparameters hyperparameters, LearningRateUnit unit, Reduction reduction, WeightDecay decay) {

        public Optimizer create() {
            Hyperparameters h = hyperparameters;
            if (task == Task.IMDB) {
                return new Adam(adamRule, h.learningRate(), h.beta1(), h.beta2(), h.epsilon(), unit, reduction, decay);
            }
            return new SgdMomentum(momentumRule, h.learningRate(), h.momentum(), unit, reduction, decay);
        }
    }

    /** The knobs {@link #of} reads for a task. */
    public static Set<Knob> knobs(Task task) {
        Set<Knob> k = EnumSet.of(Knob.LOSS_FORM, Knob.LOSS_PROBABILITY_CLIP, Knob.LOSS_LABELS, Knob.LOSS_REDUCTION,
                Knob.OPTIMIZER_LR_UNIT, Knob.OPTIMIZER_WEIGHT_DECAY, Knob.OPTIMIZER_WEIGHT_DECAY_SCOPE,
                Knob.ITERATOR_SHUFFLE, Knob.ITERATOR_LAST_BATCH, Knob.EVALUATION_SET, Knob.DATA_LAYOUT);
        k.add(task == Task.IMDB ? Knob.OPTIMIZER_ADAM : Knob.OPTIMIZER_MOMENTUM_RULE);
        return k;
    }

    public static Recipe of(Dialect d, Task task, Hyperparameters h) {
        Reduction reduction = d.choice(Knob.LOSS_REDUCTION).equals("sum") ? Reduction.SUM : Reduction.MEAN;
        double clip = d.choice(Knob.LOSS_FORM).equals("softmax-then-log") ? d.number(Knob.LOSS_PROBABILITY_CLIP) : 0;
        WeightDecay decay = new WeightDecay(d.number(Knob.OPTIMIZER_WEIGHT_DECAY),
                d.choice(Knob.OPTIMIZER_WEIGHT_DECAY_SCOPE).equals("all") ? WeightDecay.Scope.ALL
                        : WeightDecay.Scope.WEIGHTS_ONLY);
        LearningRateUnit unit = d.choice(Knob.OPTIMIZER_LR_UNIT).equals("sample")
                ? LearningRateUnit.SAMPLE : LearningRateUnit.MINIBATCH;
        OptimizerSettings optimizer = new OptimizerSettings(task, constant(MomentumRule.class,
                d.choice(Knob.OPTIMIZER_MOMENTUM_RULE)), constant(AdamRule.class, d.choice(Knob.OPTIMIZER_ADAM)),
                h, unit, reduction, decay);
        return new Recipe(task, h, new LossSpec(reduction, clip),
                d.choice(Knob.LOSS_LABELS).equals("one-hot"),
                constant(ShuffleMode.class, d.choice(Knob.ITERATOR_SHUFFLE)),
                constant(LastBatch.class, d.choice(Knob.ITERATOR_LAST_BATCH)),
                constant(EvaluationSet.class, d.choice(Knob.EVALUATION_SET)),
                constant(Layout.class, d.choice(Knob.DATA_LAYOUT)), optimizer);
    }

    /** A knob's kebab-case value as the enum constant of the same name ({@code lr-outside} -> LR_OUTSIDE). */
    static <E extends Enum<E>> E constant(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase().replace('-', '_'));
    }
}
