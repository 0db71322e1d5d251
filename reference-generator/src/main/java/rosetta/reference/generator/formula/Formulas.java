package rosetta.reference.generator.formula;

import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Layouts;
import rosetta.reference.generator.Values;
import rosetta.reference.generator.cases.ConvCase;
import rosetta.reference.generator.cases.GruCase;
import rosetta.reference.generator.cases.LossCase;
import rosetta.reference.generator.cases.PoolCase;
import rosetta.reference.generator.cases.StepCase;

/**
 * Builds fixtures from the formulas in plain double loops, for the frameworks that cannot run on this
 * machine. Each fixture's {@code version} says it is formula-based and {@code source} names the
 * framework file and version the formula follows. Values are computed in double and written as such;
 * the inputs are exact in float32 too.
 */
final class Formulas {
    /** Tolerance of a float32 engine against a double-precision formula, for O(1) values. */
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-4;

    private final String framework;
    private final String version;

    Formulas(String framework, String version) {
        this.framework = framework;
        this.version = version + " (formula-based: computed from the cited source in double precision)";
    }

    private Fixture fixture(String op, String caseName, String source) {
        return new Fixture(framework, version, op, caseName, source);
    }

    private Values values(String op, String caseName) {
        return Values.named(framework + "/" + op + "-" + caseName);
    }

    private static int size(int[] shape) {
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }

    Fixture conv(ConvCase c, boolean flip, String source) {
        if (!c.nchw() || c.isSame()) {
            throw new IllegalArgumentException("formula convolutions are NCHW with explicit padding");
        }
        Values v = values("conv2d", c.name());
        double[] x = Layouts.widen(v.uniform(size(c.inputShape())));
        double[] w = Layouts.widen(v.uniform(size(c.weightShape()), 0.5f));
        double[] b = Layouts.widen(v.uniform(ConvCase.K, 0.5f));
        ConvMath math = new ConvMath(c.inputShape(), c.weightShape(), c.stride(), c.padding(), flip);
        int[] yShape = math.outputShape();
        double[] dy = Layouts.widen(v.uniform(size(yShape)));
        Fixture f = fixture("conv2d", c.name(), source);
        c.describe(f, flip).tolerance(ATOL, RTOL);
        return f.array("x", c.inputShape(), x)
                .array("weight", c.weightShape(), w)
                .array("bias", new int[] {ConvCase.K}, b)
                .array("dy", yShape, dy)
                .array("y", yShape, math.forward(x, w, b))
                .array("dx", c.inputShape(), math.backwardData(dy, w))
                .array("dweight", c.weightShape(), math.backwardFilter(x, dy))
                .array("dbias", new int[] {ConvCase.K}, math.backwardBias(dy));
    }

    Fixture pool(PoolCase c, String source) {
        if (!c.nchw() || c.same()) {
            throw new IllegalArgumentException("formula pools are NCHW without padding");
        }
        Values v = values("maxpool2d", c.name());
        double[] x = Layouts.widen(v.distinct(size(c.inputShape())));
        PoolMath math = new PoolMath(c.inputShape(), c.window(), c.stride(), c.ceil());
        int[] yShape = math.outputShape();
        double[] dy = Layouts.widen(v.uniform(size(yShape)));
        Fixture f = fixture("maxpool2d", c.name(), source);
        c.describe(f).tolerance(0, 1e-6);
        return f.array("x", c.inputShape(), x)
                .array("dy", yShape, dy)
                .array("y", yShape, math.forward(x))
                .array("dx", c.inputShape(), math.backward(x, dy));
    }

    /**
     * Dropout as a framework applies it when the model leaves the mode switch alone: inverted dropout
     * (a keep mask scaled by 1 / (1 - rate)) in the modes where it drops, the identity where it does not.
     * The mask is drawn here; a test checks the law, not the elements.
     */
    Fixture dropout(String caseName, double rate, boolean dropsInTraining, boolean dropsInEvaluation, String source) {
        Values v = values("dropout", caseName);
        int[] shape = {4, 32};
        float[] x = v.uniform(shape[0] * shape[1]);
        Fixture f = fixture("dropout", caseName, source);
        f.arg("rate", rate).tolerance(1e-7, 1e-6).array("x", shape, x);
        return f.array("y_train", shape, dropsInTraining ? dropped(x, rate, v) : x)
                .array("y_eval", shape, dropsInEvaluation ? dropped(x, rate, v) : x);
    }

    private static float[] dropped(float[] x, double rate, Values v) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean keep = v.nextInt(1 << 20) >= rate * (1 << 20);
            y[i] = keep ? (float) (x[i] / (1 - rate)) : 0f;
        }
        return y;
    }

    /** Softmax cross-entropy; {@code clip} > 0 is the Keras softmax-then-log form. */
    Fixture loss(LossCase c, float[] logits, double clip, String source) {
        int[] labels = c.labels(framework);
        double[] out = LossMath.lossAndGradient(Layouts.widen(logits), Layouts.widen(LossCase.oneHot(labels)),
                LossCase.N, LossCase.C, c.mean(), clip);
        double[] grad = new double[LossCase.N * LossCase.C];
        System.arraycopy(out, 1, grad, 0, grad.length);
        Fixture f = fixture("softmax_cross_entropy", c.name(), source);
        c.describe(f, logits, labels).arg("form", clip > 0 ? "softmax-then-log" : "fused").arg("clip", clip)
                .tolerance(ATOL, RTOL);
        return f.array("loss", new int[] {1}, new double[] {out[0]})
                .array("dlogits", new int[] {LossCase.N, LossCase.C}, grad);
    }

    /**
     * One optimiser step on weights {@code w} with gradient {@code g} at step {@code t} (from 1) and rate
     * {@code lr}; {@code v} and {@code m} are the state, zero before the first step.
     */
    interface Update {
        void apply(double[] w, double[] g, int t, double lr, double[] v, double[] m);
    }

    Fixture steps(String op, StepCase c, double[] rates, String gradient, double gradientScale, Update update,
            String source) {
        float[] w0 = c.weight(framework, op);
        float[] grads = c.gradients(framework, op);
        double[] w = Layouts.widen(w0);
        double[] v = new double[w.length];
        double[] m = new double[w.length];
        double[] after = new double[StepCase.STEPS * StepCase.SIZE];
        for (int t = 0; t < StepCase.STEPS; t++) {
            double[] g = Layouts.widen(StepCase.row(grads, t));
            for (int i = 0; i < g.length; i++) {
                g[i] *= gradientScale;
            }
            update.apply(w, g, t + 1, rates[t], v, m);
            System.arraycopy(w, 0, after, t * StepCase.SIZE, StepCase.SIZE);
        }
        Fixture f = fixture(op, c.name(), source);
        c.describe(f, w0, grads, rates).arg("gradient", gradient).tolerance(1e-6, 1e-5);
        return f.array("weights", new int[] {StepCase.STEPS, StepCase.SIZE}, after);
    }

    /**
     * A GRU fixture; {@code weightScale} keeps hard-sigmoid pre-activations inside (-2.5, 2.5), away
     * from its kinks, so finite differences stay exact.
     */
    Fixture gru(GruCase c, boolean zrn, boolean resetAfter, boolean twoBiasSets, boolean candidateWeighted,
            boolean hardSigmoid, float weightScale, String source) {
        int n = GruCase.N;
        int h = GruCase.H;
        int in = GruCase.I;
        Values v = c.values(framework);
        double[] x = Layouts.widen(v.uniform(n * c.steps() * in));
        double[] h0 = Layouts.widen(v.uniform(n * h));
        double[] wih = Layouts.widen(v.uniform(3 * h * in, weightScale));
        double[] whh = Layouts.widen(v.uniform(3 * h * h, weightScale));
        double[] bih = Layouts.widen(v.uniform(3 * h, weightScale));
        double[] bhh = twoBiasSets ? Layouts.widen(v.uniform(3 * h, weightScale)) : null;
        double[] dy = Layouts.widen(v.uniform(n * c.steps() * h));
        GruMath math = new GruMath(n, c.steps(), in, h, zrn, resetAfter, candidateWeighted, hardSigmoid);
        double[][] all = {x, h0, wih, whh, bih, bhh};
        Fixture f = fixture("gru", c.name(), source);
        c.describe(f, zrn ? "zrn" : "rzn", resetAfter ? "after-matmul" : "before-matmul", twoBiasSets ? 2 : 1,
                candidateWeighted ? "candidate" : "old-state", hardSigmoid ? "hard-sigmoid" : "sigmoid")
                .tolerance(ATOL, RTOL);
        f.array("x", c.inputShape(), x)
                .array("h0", GruCase.matrix(n, h), h0)
                .array("weight_ih", GruCase.matrix(3 * h, in), wih)
                .array("weight_hh", GruCase.matrix(3 * h, h), whh)
                .array("bias_ih", new int[] {3 * h}, bih);
        if (twoBiasSets) {
            f.array("bias_hh", new int[] {3 * h}, bhh);
        }
        f.array("dy", c.outputShape(), dy)
                .array("y", c.outputShape(), math.forward(x, h0, wih, whh, bih, bhh))
                .array("dx", c.inputShape(), math.gradient(all, 0, dy))
                .array("dh0", GruCase.matrix(n, h), math.gradient(all, 1, dy))
                .array("dweight_ih", GruCase.matrix(3 * h, in), math.gradient(all, 2, dy))
                .array("dweight_hh", GruCase.matrix(3 * h, h), math.gradient(all, 3, dy))
                .array("dbias_ih", new int[] {3 * h}, math.gradient(all, 4, dy));
        if (twoBiasSets) {
            f.array("dbias_hh", new int[] {3 * h}, math.gradient(all, 5, dy));
        }
        return f;
    }
}
