package rosetta.models.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import rosetta.layers.Dense;
import rosetta.layers.DenseConfig;
import rosetta.layers.Embedding;
import rosetta.layers.EmbeddingConfig;
import rosetta.layers.Gru;
import rosetta.layers.GruConfig;
import rosetta.layers.Layer;
import rosetta.layers.Relu;
import rosetta.layers.Sequential;
import rosetta.layers.init.Initializers;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.models.train.Recipe;
import rosetta.tensor.ops.GruSpec;

/**
 * The benchmark GRU (reference/benchmark.md §3): Embedding(30000, 125), one unidirectional GRU(100) over
 * the 150 tokens from a zero state, its last step into Dense(100 -> 2). {@code gru} follows what each
 * notebook ran (CuDNNGRU, optimized_rnnstack, nn.GRU, ...); {@code gru-naive} uses the framework's plain
 * GRU layer with its defaults, as a newcomer would.
 */
public final class GruModel implements ModelSpec {
    static final int VOCABULARY = 30_000;
    static final int EMBEDDING = 125;
    static final int HIDDEN = 100;

    private final boolean naive;

    private GruModel(boolean naive) {
        this.naive = naive;
    }

    public static GruModel benchmark() {
        return new GruModel(false);
    }

    public static GruModel naive() {
        return new GruModel(true);
    }

    @Override
    public String name() {
        return naive ? "gru-naive" : "gru";
    }

    @Override
    public String description() {
        return naive ? "the benchmark GRU with the framework's plain GRU layer and its defaults"
                : "the benchmark GRU on IMDB as the notebooks wrote it";
    }

    @Override
    public Task task() {
        return Task.IMDB;
    }

    @Override
    public Hyperparameters defaults() {
        return Hyperparameters.rnn();
    }

    @Override
    public Set<Knob> knobs() {
        Set<Knob> k = Recipe.knobs(task());
        k.addAll(EnumSet.of(Knob.GRU_UPDATE_GATE_WEIGHTS, Knob.GRU_INITIAL_STATE, Knob.GRU_GATE_ORDER));
        k.addAll(naive
                ? EnumSet.of(Knob.NAIVE_EMBEDDING_INIT, Knob.NAIVE_GRU_INPUT_WEIGHT_INIT,
                        Knob.NAIVE_GRU_RECURRENT_WEIGHT_INIT, Knob.NAIVE_GRU_GATE_BIAS_INIT,
                        Knob.NAIVE_GRU_CANDIDATE_BIAS_INIT, Knob.NAIVE_GRU_RESET_GATE, Knob.NAIVE_GRU_BIAS_SETS,
                        Knob.NAIVE_GRU_GATE_ACTIVATION, Knob.NAIVE_GRU_FAN_CONVENTION, Knob.NAIVE_DENSE_WEIGHT_INIT,
                        Knob.NAIVE_DENSE_BIAS_INIT, Knob.NAIVE_DENSE_ACTIVATION)
                : EnumSet.of(Knob.EMBEDDING_INIT, Knob.GRU_INPUT_WEIGHT_INIT, Knob.GRU_RECURRENT_WEIGHT_INIT,
                        Knob.GRU_GATE_BIAS_INIT, Knob.GRU_CANDIDATE_BIAS_INIT, Knob.GRU_RESET_GATE, Knob.GRU_BIAS_SETS,
                        Knob.GRU_GATE_ACTIVATION, Knob.GRU_FAN_CONVENTION, Knob.DENSE_WEIGHT_INIT,
                        Knob.DENSE_BIAS_INIT));
        return k;
    }

    @Override
    public Sequential build(BuildContext ctx) {
        Dialect d = ctx.dialect();
        List<Layer> layers = new ArrayList<>();
        layers.add(new Embedding(ctx.backend(), ctx.dtype(), new EmbeddingConfig("embedding", VOCABULARY, EMBEDDING,
                Initializers.parse(d.value(pick(Knob.EMBEDDING_INIT, Knob.NAIVE_EMBEDDING_INIT)))), ctx.rng()));
        GruSpec spec = new GruSpec(EMBEDDING, HIDDEN,
                pick(d, Knob.GRU_RESET_GATE, Knob.NAIVE_GRU_RESET_GATE).equals("after-matmul")
                        ? GruSpec.ResetGate.AFTER_MATMUL : GruSpec.ResetGate.BEFORE_MATMUL,
                pick(d, Knob.GRU_BIAS_SETS, Knob.NAIVE_GRU_BIAS_SETS).equals("two"),
                d.choice(Knob.GRU_UPDATE_GATE_WEIGHTS).equals("candidate")
                        ? GruSpec.UpdateWeights.CANDIDATE : GruSpec.UpdateWeights.OLD_STATE,
                pick(d, Knob.GRU_GATE_ACTIVATION, Knob.NAIVE_GRU_GATE_ACTIVATION).equals("hard-sigmoid")
                        ? GruSpec.GateActivation.HARD_SIGMOID : GruSpec.GateActivation.SIGMOID,
                d.choice(Knob.GRU_GATE_ORDER).equals("zrn") ? GruSpec.GateOrder.ZRN : GruSpec.GateOrder.RZN);
        layers.add(new Gru(ctx.backend(), ctx.dtype(), new GruConfig("gru", EMBEDDING, HIDDEN, spec,
                d.choice(Knob.GRU_INITIAL_STATE).equals("trainable"), false,
                init(d, Knob.GRU_INPUT_WEIGHT_INIT, Knob.NAIVE_GRU_INPUT_WEIGHT_INIT),
                init(d, Knob.GRU_RECURRENT_WEIGHT_INIT, Knob.NAIVE_GRU_RECURRENT_WEIGHT_INIT),
                init(d, Knob.GRU_GATE_BIAS_INIT, Knob.NAIVE_GRU_GATE_BIAS_INIT),
                init(d, Knob.GRU_CANDIDATE_BIAS_INIT, Knob.NAIVE_GRU_CANDIDATE_BIAS_INIT),
                GruConfig.FanConvention.valueOf(pick(d, Knob.GRU_FAN_CONVENTION, Knob.NAIVE_GRU_FAN_CONVENTION)
                        .toUpperCase().replace('-', '_'))), ctx.rng()));
        layers.add(new Dense(ctx.backend(), ctx.dtype(), new DenseConfig("fc", HIDDEN, 2, true,
                init(d, Knob.DENSE_WEIGHT_INIT, Knob.NAIVE_DENSE_WEIGHT_INIT),
                init(d, Knob.DENSE_BIAS_INIT, Knob.NAIVE_DENSE_BIAS_INIT)), ctx.rng()));
        if (naive && d.choice(Knob.NAIVE_DENSE_ACTIVATION).equals("relu")) {
            // Lasagne's DenseLayer rectifies by default, the classifier too
            layers.add(new Relu("relu"));
        }
        return new Sequential(name(), layers);
    }

    private Knob pick(Knob benchmark, Knob naiveKnob) {
        return naive ? naiveKnob : benchmark;
    }

    private String pick(Dialect d, Knob benchmark, Knob naiveKnob) {
        return d.choice(pick(benchmark, naiveKnob));
    }

    private rosetta.layers.init.Initializer init(Dialect d, Knob benchmark, Knob naiveKnob) {
        return Initializers.parse(d.value(pick(benchmark, naiveKnob)));
    }
}
