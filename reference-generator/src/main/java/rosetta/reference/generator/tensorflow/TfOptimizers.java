package rosetta.reference.generator.tensorflow;

import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Layouts;
import rosetta.reference.generator.cases.StepCase;

/**
 * Three steps of TensorFlow's ApplyMomentum (accum = m accum + g; var -= lr accum: what
 * tf.train.MomentumOptimizer runs) and ApplyAdam (lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t);
 * var -= lr_t m / (sqrt(v) + epsilon): tf.train.AdamOptimizer), tensorflow/core/kernels/training_ops.cc.
 * As AdamOptimizer does, beta1^t and beta2^t are float32 products updated after each step.
 */
final class TfOptimizers {
    private static final double[] RATES = {0.1, 0.1, 0.05};
    private static final double MOMENTUM = 0.9;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private TfOptimizers() {
    }

    static void write(Consumer<Fixture> out) {
        out.accept(momentum(new StepCase("three-steps", 1f)));
        out.accept(adam(new StepCase("three-steps", 1f)));
        out.accept(adam(new StepCase("tiny-gradients", 0x1p-23f)));
    }

    private static Fixture momentum(StepCase c) {
        float[] w0 = c.weight(TfGraph.FRAMEWORK, "sgd_momentum");
        float[] grads = c.gradients(TfGraph.FRAMEWORK, "sgd_momentum");
        float[][] after = new float[StepCase.STEPS][];
        try (TfGraph g = new TfGraph()) {
            Variable<TFloat32> var = variable(g, w0);
            Variable<TFloat32> accum = variable(g, new float[StepCase.SIZE]);
            for (int t = 0; t < StepCase.STEPS; t++) {
                Operand<TFloat32> step = g.tf.train.applyMomentum(var, accum, g.scalar((float) RATES[t]),
                        g.constant(StepCase.row(grads, t), StepCase.SIZE), g.scalar((float) MOMENTUM));
                after[t] = g.fetch(step)[0];
            }
        }
        Fixture f = new Fixture(TfGraph.FRAMEWORK, TfGraph.version(), "sgd_momentum", c.name(),
                "ApplyMomentum (tensorflow/core/kernels/training_ops.cc), use_nesterov=False");
        c.describe(f, w0, grads, RATES).arg("momentum", MOMENTUM).arg("rule", "lr-outside")
                .arg("gradient", "mean").tolerance(1e-6, 1e-5);
        return f.array("weights", new int[] {StepCase.STEPS, StepCase.SIZE}, Layouts.concat(after));
    }

    private static Fixture adam(StepCase c) {
        float lr = 0.01f;
        double rate = 0.01;
        float[] w0 = c.weight(TfGraph.FRAMEWORK, "adam");
        float[] grads = c.gradients(TfGraph.FRAMEWORK, "adam");
        float[][] after = new float[StepCase.STEPS][];
        float beta1Power = (float) BETA1;
        float beta2Power = (float) BETA2;
        try (TfGraph g = new TfGraph()) {
            Variable<TFloat32> var = variable(g, w0);
            Variable<TFloat32> m = variable(g, new float[StepCase.SIZE]);
            Variable<TFloat32> v = variable(g, new float[StepCase.SIZE]);
            for (int t = 0; t < StepCase.STEPS; t++) {
                Operand<TFloat32> step = g.tf.train.applyAdam(var, m, v, g.scalar(beta1Power), g.scalar(beta2Power),
                        g.scalar(lr), g.scalar((float) BETA1), g.scalar((float) BETA2), g.scalar((float) EPSILON),
                        g.constant(StepCase.row(grads, t), StepCase.SIZE));
                after[t] = g.fetch(step)[0];
                beta1Power *= (float) BETA1;
                beta2Power *= (float) BETA2;
            }
        }
        Fixture f = new Fixture(TfGraph.FRAMEWORK, TfGraph.version(), "adam", c.name(),
                "ApplyAdam (tensorflow/core/kernels/training_ops.cc), use_nesterov=False");
        c.describe(f, w0, grads, new double[] {rate, rate, rate}).arg("beta1", BETA1).arg("beta2", BETA2)
                .arg("epsilon", EPSILON).arg("rule", "corrected-step-size").arg("gradient", "mean")
                .tolerance(1e-7, 1e-5);
        return f.array("weights", new int[] {StepCase.STEPS, StepCase.SIZE}, Layouts.concat(after));
    }

    /** A float32 variable (the ref-typed kind the Apply* kernels update in place), assigned its start value. */
    private static Variable<TFloat32> variable(TfGraph g, float[] initial) {
        Variable<TFloat32> var = g.tf.variable(Shape.of(initial.length), TFloat32.class);
        Op assign = g.tf.assign(var, g.constant(initial, initial.length));
        g.run(assign);
        return var;
    }
}
