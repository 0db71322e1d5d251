package rosetta.models.dialect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import rosetta.layers.init.Initializers;

/**
 * Every default a dialect sets, with the values it may take. The order is the order of the knob tables
 * ({@code dialects}, {@code explain}, {@code diff}): CNN knobs, the naive CNN's, GRU knobs, the naive GRU's.
 * The {@code naive.*} knobs hold what the framework does when a model leaves a field unset.
 */
public enum Knob {
    CONV_WEIGHT_INIT("conv.weight-init", Kind.INITIALIZER, "initialiser of the convolution kernels"),
    CONV_BIAS_INIT("conv.bias-init", Kind.INITIALIZER, "initialiser of the convolution biases"),
    DENSE_WEIGHT_INIT("dense.weight-init", Kind.INITIALIZER,
            "initialiser of the dense weights (the VGG head and the GRU model's classifier)"),
    DENSE_BIAS_INIT("dense.bias-init", Kind.INITIALIZER, "initialiser of the dense biases"),
    CONV_MODE("conv.mode", Choices.CONV_MODE,
            "whether a convolution flips its kernel (convolution: Theano, Lasagne Conv2DLayer) or not"),
    POOL_ROUNDING("pool.rounding", Choices.ROUNDING,
            "how max pooling rounds its output size (ceil: Chainer cover_all=True)"),
    RELU_POOL_ORDER("relu-pool-order", Choices.RELU_POOL_ORDER,
            "whether ReLU runs before or after each max pool: same result, different amount of work"),
    DROPOUT_MODE("dropout.mode", Choices.DROPOUT_MODE,
            "when dropout is active: in training only, also at test time, or never"),
    DROPOUT_RATES("dropout.rates", Kind.NUMBER_LIST, 3, 0, 1,
            "drop probabilities after conv block 1, conv block 2 and the dense-512 layer"),
    LOSS_FORM("loss.form", Choices.LOSS_FORM,
            "fused log-softmax cross-entropy, or a softmax layer then cross-entropy on clipped probabilities"),
    LOSS_PROBABILITY_CLIP("loss.probability-clip", Kind.NUMBER, 1, 0, 0.5,
            "with softmax-then-log: probabilities are clipped to [c, 1 - c] before the log (Keras 1e-7, Caffe2 1e-20)"),
    LOSS_LABELS("loss.labels", Choices.LOSS_LABELS, "labels as class indices or as one-hot rows"),
    LOSS_REDUCTION("loss.reduction", Choices.LOSS_REDUCTION,
            "whether the loss and its gradient are the mean or the sum over the batch"),
    OPTIMIZER_MOMENTUM_RULE("optimizer.momentum-rule", Choices.MOMENTUM_RULE,
            "the SGD-with-momentum formula (rosetta.tensor.ops.MomentumRule)"),
    OPTIMIZER_LR_UNIT("optimizer.lr-unit", Choices.LR_UNIT,
            "whether the learning rate multiplies the mean (minibatch) or the summed (sample) gradient"),
    OPTIMIZER_WEIGHT_DECAY("optimizer.weight-decay", Kind.NUMBER, 1, 0, Double.POSITIVE_INFINITY,
            "L2 weight decay added to the gradient"),
    OPTIMIZER_WEIGHT_DECAY_SCOPE("optimizer.weight-decay-scope", Choices.DECAY_SCOPE,
            "which parameters weight decay touches: all, or weights but not biases"),
    LAYOUT("layout", Choices.LAYOUT, "the layout the model computes in"),
    DATA_LAYOUT("data-layout", Choices.LAYOUT,
            "the layout the input pipeline delivers; if it differs from layout, every batch is transposed"),
    FIRST_LAYER_INPUT_GRADIENT("first-layer-input-gradient", Choices.INPUT_GRADIENT,
            "whether the backward pass computes the gradient with respect to the input images"),
    ITERATOR_SHUFFLE("iterator.shuffle", Choices.SHUFFLE,
            "training order: a fresh permutation each epoch, batch-sized blocks reordered each epoch,"
                    + " one permutation at the start, or file order"),
    ITERATOR_LAST_BATCH("iterator.last-batch", Choices.LAST_BATCH,
            "the partial last batch of an epoch: dropped, kept smaller, or filled with samples from the start"),
    EVALUATION_SET("evaluation.set", Choices.EVALUATION,
            "which test samples are scored: whole batches only (9,984 of 10,000 images) or all"),
    CONV_ALGORITHM_SEARCH("conv.algorithm-search", Choices.SEARCH,
            "how a convolution algorithm is chosen per shape: by rule, or by timing every candidate once"),
    CONV_WINOGRAD("conv.winograd", Choices.ON_OFF, "whether Winograd convolution algorithms may be chosen"),
    CONV_WORKSPACE_LIMIT_MB("conv.workspace-limit-mb", Kind.NUMBER, 1, 0, Double.POSITIVE_INFINITY,
            "scratch memory a convolution algorithm may use, in MiB"),

    NAIVE_CONV_WEIGHT_INIT("naive.conv.weight-init", Kind.INITIALIZER,
            "convolution kernel initialiser when the model names none"),
    NAIVE_CONV_BIAS_INIT("naive.conv.bias-init", Kind.INITIALIZER,
            "convolution bias initialiser when the model names none"),
    NAIVE_DENSE_WEIGHT_INIT("naive.dense.weight-init", Kind.INITIALIZER,
            "dense weight initialiser when the model names none"),
    NAIVE_DENSE_BIAS_INIT("naive.dense.bias-init", Kind.INITIALIZER,
            "dense bias initialiser when the model names none"),
    NAIVE_CONV_KERNEL_SHORTHAND("naive.conv.kernel-shorthand", Choices.KERNEL_SHORTHAND,
            "what a single kernel size such as 3 means: 3x3, or a 1-D kernel of 3"),
    NAIVE_CONV_PADDING("naive.conv.padding", Choices.PADDING, "convolution padding when the model names none"),
    NAIVE_CONV_ACTIVATION("naive.conv.activation", Choices.ACTIVATION,
            "the activation a convolution layer applies when the model names none"),
    NAIVE_DENSE_ACTIVATION("naive.dense.activation", Choices.ACTIVATION,
            "the activation a dense layer applies when the model names none"),
    NAIVE_POOL_STRIDE("naive.pool.stride", Choices.POOL_STRIDE,
            "max-pool stride when the model names none: the window size, or 1"),
    NAIVE_DROPOUT_MODE("naive.dropout.mode", Choices.DROPOUT_MODE,
            "what dropout does when the model forgets the framework's train/test switch"),

    EMBEDDING_INIT("embedding.init", Kind.INITIALIZER, "initialiser of the word-embedding table"),
    GRU_INPUT_WEIGHT_INIT("gru.input-weight-init", Kind.INITIALIZER,
            "initialiser of the GRU's input-to-hidden weights"),
    GRU_RECURRENT_WEIGHT_INIT("gru.recurrent-weight-init", Kind.INITIALIZER,
            "initialiser of the GRU's hidden-to-hidden weights"),
    GRU_GATE_BIAS_INIT("gru.gate-bias-init", Kind.INITIALIZER, "initialiser of the reset and update gate biases"),
    GRU_CANDIDATE_BIAS_INIT("gru.candidate-bias-init", Kind.INITIALIZER, "initialiser of the candidate biases"),
    GRU_RESET_GATE("gru.reset-gate", Choices.RESET_GATE,
            "whether the reset gate scales the recurrent product (after-matmul) or the old state (before-matmul)"),
    GRU_BIAS_SETS("gru.bias-sets", Choices.BIAS_SETS,
            "one bias vector (3H) or separate input and recurrent biases (6H)"),
    GRU_UPDATE_GATE_WEIGHTS("gru.update-gate-weights", Choices.UPDATE_GATE,
            "what the update gate z multiplies: the old state, h' = (1-z)n + zh, or the candidate, h' = zn + (1-z)h"),
    GRU_GATE_ACTIVATION("gru.gate-activation", Choices.GATE_ACTIVATION,
            "the gate nonlinearity (hard-sigmoid = clip(0.2x + 0.5, 0, 1))"),
    GRU_INITIAL_STATE("gru.initial-state", Choices.INITIAL_STATE,
            "the hidden state before the first step: zeros, or a learnt parameter"),
    GRU_FAN_CONVENTION("gru.fan-convention", Choices.FAN_CONVENTION,
            "which matrix a fan-based initialiser measures: the whole packed matrix, or TF GRUCell's [x, h] matrices"),
    GRU_GATE_ORDER("gru.gate-order", Choices.GATE_ORDER,
            "order of the reset, update and candidate blocks in packed GRU weights"),
    OPTIMIZER_ADAM("optimizer.adam", Choices.ADAM,
            "the Adam update: textbook bias-corrected moments, a corrected step size, or no (1 - beta1) on the gradient"),

    NAIVE_EMBEDDING_INIT("naive.embedding.init", Kind.INITIALIZER,
            "embedding initialiser when the model names none"),
    NAIVE_GRU_INPUT_WEIGHT_INIT("naive.gru.input-weight-init", Kind.INITIALIZER,
            "GRU input-weight initialiser of the framework's plain GRU layer"),
    NAIVE_GRU_RECURRENT_WEIGHT_INIT("naive.gru.recurrent-weight-init", Kind.INITIALIZER,
            "GRU recurrent-weight initialiser of the framework's plain GRU layer"),
    NAIVE_GRU_GATE_BIAS_INIT("naive.gru.gate-bias-init", Kind.INITIALIZER,
            "gate-bias initialiser of the framework's plain GRU layer"),
    NAIVE_GRU_CANDIDATE_BIAS_INIT("naive.gru.candidate-bias-init", Kind.INITIALIZER,
            "candidate-bias initialiser of the framework's plain GRU layer"),
    NAIVE_GRU_RESET_GATE("naive.gru.reset-gate", Choices.RESET_GATE,
            "reset-gate placement of the framework's plain GRU layer"),
    NAIVE_GRU_BIAS_SETS("naive.gru.bias-sets", Choices.BIAS_SETS, "bias sets of the framework's plain GRU layer"),
    NAIVE_GRU_GATE_ACTIVATION("naive.gru.gate-activation", Choices.GATE_ACTIVATION,
            "gate nonlinearity of the framework's plain GRU layer"),
    NAIVE_GRU_FAN_CONVENTION("naive.gru.fan-convention", Choices.FAN_CONVENTION,
            "fan convention of the framework's plain GRU layer");

    /** What kind of value a knob holds. */
    public enum Kind {
        /** An initialiser spec string such as {@code glorot-uniform} or {@code uniform(0.07)}. */
        INITIALIZER,
        /** One of {@link Knob#choices()}. */
        CHOICE,
        /** A number. */
        NUMBER,
        /** Comma-separated numbers, e.g. {@code 0.25,0.25,0.5}. */
        NUMBER_LIST
    }

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Map<String, Knob> BY_KEY = new LinkedHashMap<>();

    static {
        for (Knob knob : values()) {
            BY_KEY.put(knob.key, knob);
        }
    }

    private final String key;
    private final Kind kind;
    private final List<String> choices;
    private final int count;
    private final double min;
    private final double maxExclusive;
    private final String description;

    Knob(String key, Kind kind, String description) {
        this(key, kind, List.of(), 0, 0, 0, description);
    }

    Knob(String key, List<String> choices, String description) {
        this(key, Kind.CHOICE, choices, 0, 0, 0, description);
    }

    Knob(String key, Kind kind, int count, double min, double maxExclusive, String description) {
        this(key, kind, List.of(), count, min, maxExclusive, description);
    }

    Knob(String key, Kind kind, List<String> choices, int count, double min, double maxExclusive,
            String description) {
        this.key = key;
        this.kind = kind;
        this.choices = choices;
        this.count = count;
        this.min = min;
        this.maxExclusive = maxExclusive;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The allowed values of a {@link Kind#CHOICE} knob; empty for the other kinds. */
    public List<String> choices() {
        return choices;
    }

    /** What the knob controls, one line. */
    public String description() {
        return description;
    }

    /** The knob with this key; an unknown key is a {@link DialectException} listing the valid keys. */
    public static Knob byKey(String key) {
        Knob knob = BY_KEY.get(key == null ? null : key.trim());
        if (knob == null) {
            throw new DialectException("unknown knob '" + key + "'; valid knobs: " + String.join(", ", BY_KEY.keySet()));
        }
        return knob;
    }

    /** Accepts a value this knob can hold, else a {@link DialectException} naming the knob, the value and what is valid. */
    public void validate(String value) {
        canonical(value);
    }

    /** The value as stored: trimmed, and for number lists without spaces. Validates it first. */
    String canonical(String value) {
        String v = value == null ? "" : value.trim();
        return switch (kind) {
            case INITIALIZER -> {
                try {
                    Initializers.parse(v);
                } catch (IllegalArgumentException e) {
                    throw new DialectException("knob '" + key + "' cannot be '" + value + "': " + e.getMessage());
                }
                yield v;
            }
            case CHOICE -> {
                if (!choices.contains(v)) {
                    throw invalid(value, "one of " + String.join(", ", choices));
                }
                yield v;
            }
            case NUMBER -> {
                if (!inRange(v)) {
                    throw invalid(value, "a number of at least " + format(min));
                }
                yield v;
            }
            case NUMBER_LIST -> {
                List<String> parts = new ArrayList<>();
                for (String part : v.split(",", -1)) {
                    parts.add(part.trim());
                }
                if (parts.size() != count || !parts.stream().allMatch(this::inRange)) {
                    throw invalid(value, count + " comma-separated numbers in [" + format(min) + ", "
                            + format(maxExclusive) + "), such as 0.25,0.25,0.5");
                }
                yield String.join(",", parts);
            }
        };
    }

    private boolean inRange(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return false;
        }
        double x = Double.parseDouble(text);
        return x >= min && x < maxExclusive;
    }

    private DialectException invalid(String value, String expected) {
        return new DialectException("knob '" + key + "' cannot be '" + value + "'; it takes " + expected);
    }

    private static String format(double x) {
        return x == Math.rint(x) && !Double.isInfinite(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /**
     * Allowed values of the choice knobs, held outside the enum so the constants can share them (an
     * enum's own static fields are not yet set while its constants are built).
     */
    private static final class Choices {
        static final List<String> CONV_MODE = List.of("cross-correlation", "convolution");
        static final List<String> ROUNDING = List.of("floor", "ceil");
        static final List<String> RELU_POOL_ORDER = List.of("relu-then-pool", "pool-then-relu");
        static final List<String> DROPOUT_MODE = List.of("honour-flag", "always", "never");
        static final List<String> LOSS_FORM = List.of("fused", "softmax-then-log");
        static final List<String> LOSS_LABELS = List.of("sparse", "one-hot");
        static final List<String> LOSS_REDUCTION = List.of("mean", "sum");
        static final List<String> MOMENTUM_RULE = List.of("lr-outside", "lr-inside", "lr-inside-positive",
                "unit-gain", "nesterov-lr-outside", "nesterov-lr-inside", "nesterov-caffe2");
        static final List<String> LR_UNIT = List.of("minibatch", "sample");
        static final List<String> DECAY_SCOPE = List.of("all", "weights-only");
        static final List<String> LAYOUT = List.of("nchw", "nhwc");
        static final List<String> INPUT_GRADIENT = List.of("compute", "skip");
        static final List<String> SHUFFLE = List.of("every-epoch", "batch-level", "once", "none");
        static final List<String> LAST_BATCH = List.of("drop", "keep", "pad");
        static final List<String> EVALUATION = List.of("whole-batches", "full");
        static final List<String> SEARCH = List.of("heuristic", "exhaustive");
        static final List<String> ON_OFF = List.of("on", "off");
        static final List<String> KERNEL_SHORTHAND = List.of("square", "one-dimensional");
        static final List<String> PADDING = List.of("valid", "same");
        static final List<String> ACTIVATION = List.of("none", "relu");
        static final List<String> POOL_STRIDE = List.of("window", "1");
        static final List<String> RESET_GATE = List.of("after-matmul", "before-matmul");
        static final List<String> BIAS_SETS = List.of("one", "two");
        static final List<String> UPDATE_GATE = List.of("old-state", "candidate");
        static final List<String> GATE_ACTIVATION = List.of("sigmoid", "hard-sigmoid");
        static final List<String> INITIAL_STATE = List.of("zeros", "trainable");
        static final List<String> FAN_CONVENTION = List.of("whole-matrix", "tf-concatenated", "hidden-size");
        static final List<String> GATE_ORDER = List.of("rzn", "zrn");
        static final List<String> ADAM = List.of("bias-corrected-moments", "corrected-step-size",
                "undamped-first-moment");
    }
}
