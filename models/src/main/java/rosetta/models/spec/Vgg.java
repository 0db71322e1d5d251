package rosetta.models.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import rosetta.layers.Conv2d;
import rosetta.layers.ConvConfig;
import rosetta.layers.Dense;
import rosetta.layers.DenseConfig;
import rosetta.layers.Dropout;
import rosetta.layers.DropoutMode;
import rosetta.layers.Flatten;
import rosetta.layers.Layer;
import rosetta.layers.LayoutTranspose;
import rosetta.layers.MaxPool2d;
import rosetta.layers.Relu;
import rosetta.layers.Sequential;
import rosetta.layers.init.Initializers;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.models.train.Recipe;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.Padding;

/**
 * The benchmark CNN (reference/benchmark.md §3): two blocks of two 3x3 convolutions with max-pooling and
 * dropout, then Dense-512 and Dense-10. {@code vgg} is the model as the notebooks wrote it, every size
 * and padding spelled out; {@code vgg-naive} is the same model written by a newcomer who leaves padding,
 * pool stride, kernel shorthand, activations, initialisers and the dropout switch to the framework.
 */
public final class Vgg implements ModelSpec {
    private final boolean naive;

    private Vgg(boolean naive) {
        this.naive = naive;
    }

    public static Vgg benchmark() {
        return new Vgg(false);
    }

    public static Vgg naive() {
        return new Vgg(true);
    }

    @Override
    public String name() {
        return naive ? "vgg-naive" : "vgg";
    }

    @Override
    public String description() {
        return naive ? "the benchmark CNN as a newcomer writes it, every shorthand left to the framework"
                : "the benchmark CNN on CIFAR-10 as the notebooks wrote it (3,441,592 parameters)";
    }

    @Override
    public Task task() {
        return Task.CIFAR10;
    }

    @Override
    public Hyperparameters defaults() {
        return Hyperparameters.cnn();
    }

    @Override
    public Set<Knob> knobs() {
        Set<Knob> k = Recipe.knobs(task());
        k.addAll(EnumSet.of(Knob.CONV_MODE, Knob.POOL_ROUNDING, Knob.RELU_POOL_ORDER, Knob.DROPOUT_RATES, Knob.LAYOUT,
                Knob.FIRST_LAYER_INPUT_GRADIENT, Knob.CONV_ALGORITHM_SEARCH, Knob.CONV_WINOGRAD,
                Knob.CONV_WORKSPACE_LIMIT_MB));
        k.addAll(naive
                ? EnumSet.of(Knob.NAIVE_CONV_WEIGHT_INIT, Knob.NAIVE_CONV_BIAS_INIT, Knob.NAIVE_DENSE_WEIGHT_INIT,
                        Knob.NAIVE_DENSE_BIAS_INIT, Knob.NAIVE_CONV_KERNEL_SHORTHAND, Knob.NAIVE_CONV_PADDING,
                        Knob.NAIVE_CONV_ACTIVATION, Knob.NAIVE_DENSE_ACTIVATION, Knob.NAIVE_POOL_STRIDE,
                        Knob.NAIVE_DROPOUT_MODE)
                : EnumSet.of(Knob.CONV_WEIGHT_INIT, Knob.CONV_BIAS_INIT, Knob.DENSE_WEIGHT_INIT, Knob.DENSE_BIAS_INIT,
                        Knob.DROPOUT_MODE));
        return k;
    }

    @Override
    public Sequential build(BuildContext ctx) {
        return new Builder(ctx, naive).build();
    }

    /** Accumulates layers while tracking the shape each one produces. */
    private static final class Builder {
        private final BuildContext ctx;
        private final Dialect d;
        private final boolean naive;
        private final Layout layout;
        private final List<Layer> layers = new ArrayList<>();
        private Shape shape;
        private int relus;

        Builder(BuildContext ctx, boolean naive) {
            this.ctx = ctx;
            this.d = ctx.dialect();
            this.naive = naive;
            this.layout = layoutOf(d.choice(Knob.LAYOUT));
            Layout dataLayout = layoutOf(d.choice(Knob.DATA_LAYOUT));
            this.shape = dataLayout.shape(1, 3, 32, 32);
            if (dataLayout != layout) {
                // The pipeline delivers one layout and the model computes in the other: every batch
                // is transposed on the way in (Keras fed channels-first data to a channels-last model).
                add(new LayoutTranspose("transpose", dataLayout, layout));
            }
        }

        Sequential build() {
            double[] rates = d.numbers(Knob.DROPOUT_RATES);
            conv("conv1", 3, 50);
            convPoolRelu("conv2", 50, 50, "pool1");
            dropout("dropout1", rates[0]);
            conv("conv3", 50, 100);
            convPoolRelu("conv4", 100, 100, "pool2");
            dropout("dropout2", rates[1]);
            add(new Flatten("flatten", layout, layout));
            dense("fc1", 512, true);
            dropout("dropout3", rates[2]);
            dense("fc2", 10, false);
            Sequential model = new Sequential(naive ? "vgg-naive" : "vgg", layers);
            if (d.choice(Knob.FIRST_LAYER_INPUT_GRADIENT).equals("skip")) {
                model.computeInputGradient(false);
            }
            return model;
        }

        /** conv + ReLU. */
        private void conv(String name, int in, int out) {
            convolution(name, in, out);
            relu();
        }

        /** conv, then max-pool and ReLU in the dialect's order (identical maths; different cost). */
        private void convPoolRelu(String name, int in, int out, String poolName) {
            convolution(name, in, out);
            boolean reluFirst = d.choice(Knob.RELU_POOL_ORDER).equals("relu-then-pool");
            if (reluFirst) {
                relu();
            }
            pool(poolName);
            if (!reluFirst) {
                relu();
            }
        }

        private void convolution(String name, int in, int out) {
            boolean oneDimensional = naive && d.choice(Knob.NAIVE_CONV_KERNEL_SHORTHAND).equals("one-dimensional");
            int kh = oneDimensional ? 1 : 3;
            Padding padding = naive ? naivePadding() : Padding.symmetric(1);
            ConvConfig config = new ConvConfig(name, in, out, kh, 3, 1, padding, true,
                    d.choice(Knob.CONV_MODE).equals("convolution"), layout,
                    Initializers.parse(d.value(naive ? Knob.NAIVE_CONV_WEIGHT_INIT : Knob.CONV_WEIGHT_INIT)),
                    Initializers.parse(d.value(naive ? Knob.NAIVE_CONV_BIAS_INIT : Knob.CONV_BIAS_INIT)),
                    policy());
            add(new Conv2d(ctx.backend(), ctx.dtype(), config, ctx.rng()));
            if (naive && d.choice(Knob.NAIVE_CONV_ACTIVATION).equals("relu")) {
                // Lasagne's Conv2DLayer applies rectify unless told otherwise: a second, redundant ReLU.
                relu();
            }
        }

        private Padding naivePadding() {
            return d.choice(Knob.NAIVE_CONV_PADDING).equals("same") ? Padding.same() : Padding.none();
        }

        private void pool(String name) {
            int stride = naive && d.choice(Knob.NAIVE_POOL_STRIDE).equals("1") ? 1 : 2;
            add(new MaxPool2d(name, 2, stride, Padding.none(), d.choice(Knob.POOL_ROUNDING).equals("ceil"), layout));
        }

        private void relu() {
            add(new Relu("relu" + (++relus)));
        }

        private void dropout(String name, double rate) {
            Knob modeKnob = naive ? Knob.NAIVE_DROPOUT_MODE : Knob.DROPOUT_MODE;
            DropoutMode mode = DropoutMode.valueOf(d.choice(modeKnob).toUpperCase().replace('-', '_'));
            add(new Dropout(name, rate, mode, ctx.rng()));
        }

        private void dense(String name, int out, boolean relu) {
            int in = Math.toIntExact(shape.sizeFrom(1));
            DenseConfig config = new DenseConfig(name, in, out, true,
                    Initializers.parse(d.value(naive ? Knob.NAIVE_DENSE_WEIGHT_INIT : Knob.DENSE_WEIGHT_INIT)),
                    Initializers.parse(d.value(naive ? Knob.NAIVE_DENSE_BIAS_INIT : Knob.DENSE_BIAS_INIT)));
            add(new Dense(ctx.backend(), ctx.dtype(), config, ctx.rng()));
            if (naive && d.choice(Knob.NAIVE_DENSE_ACTIVATION).equals("relu")) {
                // Lasagne's DenseLayer defaults to rectify, the classifier included: the logits lose
                // their negative half unless the newcomer remembers nonlinearity=softmax.
                relu();
            }
            if (relu) {
                relu();
            }
        }

        private AlgorithmPolicy policy() {
            AlgorithmPolicy.Search search = d.choice(Knob.CONV_ALGORITHM_SEARCH).equals("exhaustive")
                    ? AlgorithmPolicy.Search.EXHAUSTIVE : AlgorithmPolicy.Search.HEURISTIC;
            long limit = (long) (d.number(Knob.CONV_WORKSPACE_LIMIT_MB) * 1024 * 1024);
            return new AlgorithmPolicy(search, d.choice(Knob.CONV_WINOGRAD).equals("on"), limit);
        }

        private void add(Layer layer) {
            shape = layer.outputShape(shape);
            layers.add(layer);
        }

        private static Layout layoutOf(String value) {
            return Layout.valueOf(value.toUpperCase());
        }
    }
}
