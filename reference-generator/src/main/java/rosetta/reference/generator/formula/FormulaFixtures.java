package rosetta.reference.generator.formula;

import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.cases.ConvCase;
import rosetta.reference.generator.cases.GruCase;
import rosetta.reference.generator.cases.LossCase;
import rosetta.reference.generator.cases.PoolCase;
import rosetta.reference.generator.cases.StepCase;

/**
 * The fixtures of the frameworks that cannot run here (Theano/Lasagne, Chainer, MXNet/Gluon, CNTK,
 * Caffe2, Keras), each computed from the behaviour the reference files document
 * (reference/defaults-*.md) and naming the framework source it follows: what makes each one differ.
 */
public final class FormulaFixtures {
    private static final double[] RATES = {0.1, 0.1, 0.05};
    private static final double MOMENTUM = 0.9;
    private static final StepCase STEPS = new StepCase("three-steps", 1f);

    private FormulaFixtures() {
    }

    public static void write(Consumer<Fixture> out) {
        pytorchBefore1(out);
        tensorflowDefaults(out);
        theano(out);
        lasagne(out);
        chainer(out);
        mxnet(out);
        gluon(out);
        cntk(out);
        caffe2(out);
        keras(out);
    }

    /** PyTorch 0.3/0.4 behaviour the installed PyTorch 2.7 no longer has. */
    private static void pytorchBefore1(Consumer<Fixture> out) {
        Formulas f = new Formulas("pytorch", "PyTorch 0.3.1");
        out.accept(f.dropout("functional-default", 0.5, false, false,
                "torch/nn/functional.py dropout(input, p=0.5, training=False) @v0.4.0: called without "
                        + "training=self.training it never drops (the default became True in 1.0)"));
        // The notebooks' PyTorch 0.3.1 Adam: eps added to sqrt(v) before the bias correction, as TensorFlow.
        out.accept(f.steps("adam", new StepCase("v0.3-tiny-gradients", 0x1p-23f), new double[] {0.01, 0.01, 0.01},
                "mean", 1, (w, g, t, lr, v, m) -> UpdateMath.adamCorrectedStepSize(w, g, m, v, lr, 0.9, 0.999, 1e-8, t),
                "torch/optim/adam.py @v0.3.1: step_size = lr sqrt(1 - beta2^t) / (1 - beta1^t); "
                        + "p -= step_size exp_avg / (sqrt(exp_avg_sq) + eps)")
                .arg("beta1", 0.9).arg("beta2", 0.999).arg("epsilon", 1e-8).arg("rule", "corrected-step-size"));
    }

    /** What TensorFlow 1.x's layers do when the model leaves an argument out. */
    private static void tensorflowDefaults(Consumer<Fixture> out) {
        Formulas f = new Formulas("tensorflow", "TensorFlow 1.4");
        out.accept(f.dropout("layers-default", 0.5, false, false,
                "tensorflow/python/layers/core.py dropout(rate=0.5, training=False) @v1.4.0: without "
                        + "training=True it never drops"));
    }

    private static void theano(Consumer<Fixture> out) {
        Formulas f = new Formulas("theano", "Theano 1.0.0");
        String source = "theano/tensor/nnet/abstract_conv.py conv2d(filter_flip=True) @rel-1.0.0: true convolution, "
                + "the kernel rotated 180 degrees (Lasagne Conv2DLayer flip_filters=True, Keras on Theano)";
        out.accept(f.conv(ConvCase.explicit("nchw-pad1-stride1-flip", true, 5, 1, 1), true, source));
        out.accept(f.conv(ConvCase.explicit("nchw-pad0-stride2-flip", true, 5, 2, 0), true, source));
    }

    private static void lasagne(Consumer<Fixture> out) {
        Formulas f = new Formulas("lasagne", "Lasagne 0.2.dev1 on Theano 1.0.0");
        out.accept(f.dropout("deterministic-unset", 0.5, true, true,
                "lasagne/layers/noise.py DropoutLayer @5d3c63cb: inverted (rescale=True); get_output(deterministic=False) "
                        + "by default, so a prediction expression built without deterministic=True drops too"));
        LossCase mean = new LossCase("sparse-mean", true, true);
        out.accept(f.loss(mean, mean.logits("lasagne"), 0,
                "lasagne/objectives.py categorical_crossentropy on a softmax output with int targets, "
                        + "aggregate(mode='mean'); Theano's stabilize pass fuses softmax and the 1-hot cross-entropy"));
        out.accept(f.pool(new PoolCase("nchw-k2-default-stride", true, 5, 5, 2, 2, false, false, false),
                "lasagne/layers/pool.py MaxPool2DLayer (stride=None -> pool_size, ignore_border=True: floor) @5d3c63cb"));
        out.accept(f.steps("sgd_momentum", STEPS, RATES, "mean", 1, lrInside(),
                "lasagne/updates.py momentum = apply_momentum(sgd): v = m v - lr g; w += v @5d3c63cb")
                .arg("momentum", MOMENTUM).arg("rule", "lr-inside"));
        for (GruCase c : GruCase.all()) {
            out.accept(f.gru(c, false, true, false, true, false, 0.5f,
                    "lasagne/layers/recurrent.py GRULayer @5d3c63cb: c = tanh(x W_xc + r * (h W_hc) + b_c), "
                            + "h = (1 - u) h + u c; one bias per gate, none on the hidden side"));
        }
    }

    private static void chainer(Consumer<Fixture> out) {
        Formulas f = new Formulas("chainer", "Chainer 4.0.0");
        out.accept(f.dropout("config-train-default", 0.5, true, true,
                "chainer/functions/noise/dropout.py @v4.0.0: inverted, active while chainer.config.train, which is "
                        + "True unless evaluation runs under using_config('train', False)"));
        LossCase mean = new LossCase("sparse-mean", true, true);
        out.accept(f.loss(mean, mean.logits("chainer"), 0,
                "chainer/functions/loss/softmax_cross_entropy.py @v4.0.0 (normalize=True, reduce='mean'): "
                        + "fused log-softmax, mean over the labelled examples"));
        String pool = "chainer/functions/pooling/max_pooling_2d.py (stride=None -> ksize, cover_all=True) and "
                + "chainer/utils/conv.py get_conv_outsize: floor((n + 2p - k + s - 1) / s) + 1 @v4.0.0";
        out.accept(f.pool(new PoolCase("nchw-k2-default-stride-cover-all", true, 5, 5, 2, 2, false, true, false), pool));
        out.accept(f.pool(new PoolCase("nchw-k3-s2-cover-all", true, 6, 6, 3, 2, true, true, false), pool));
        out.accept(f.steps("sgd_momentum", STEPS, RATES, "mean", 1, lrInside(),
                "chainer/optimizers/momentum_sgd.py MomentumSGD: v = m v - lr g; w += v @v4.0.0")
                .arg("momentum", MOMENTUM).arg("rule", "lr-inside"));
        for (GruCase c : GruCase.all()) {
            out.accept(f.gru(c, false, false, true, true, false, 0.5f,
                    "chainer/links/connection/gru.py GRUBase/StatefulGRU @v4.0.0: h_bar = tanh(W x + U (r * h)), "
                            + "h = z * h_bar + (1 - z) * h; six Linear links, each with a bias"));
        }
    }

    private static void mxnet(Consumer<Fixture> out) {
        Formulas f = new Formulas("mxnet", "MXNet 1.1.0");
        out.accept(f.pool(new PoolCase("nchw-k2-default-stride", true, 5, 5, 2, 1, false, false, false),
                "src/operator/nn/pooling-inl.h @1.1.0: sym.Pooling stride defaults to 1 per dimension, "
                        + "pooling_convention='valid' (floor)"));
        LossCase sum = new LossCase("sparse-sum", true, false);
        out.accept(f.loss(sum, sum.logits("mxnet"), 0,
                "src/operator/softmax_output-inl.h @1.1.0: SoftmaxOutput, normalization='null': the gradient "
                        + "p - onehot(y) summed over the batch (loss is the sum of -log p_y it is the gradient of)"));
        out.accept(f.steps("sgd_momentum", STEPS, RATES, "sum", 1.0 / StepCase.BATCH, lrInside(),
                "src/operator/optimizer_op-inl.h SGDMomKernel @1.1.0 with Module's rescale_grad = 1/batch "
                        + "(python/mxnet/module/module.py): v = m v - lr rescale g; w += v")
                .arg("momentum", MOMENTUM).arg("rule", "lr-inside"));
    }

    private static void gluon(Consumer<Fixture> out) {
        Formulas f = new Formulas("gluon", "MXNet Gluon 1.1.0");
        out.accept(f.pool(new PoolCase("nchw-k2-default-stride", true, 5, 5, 2, 2, false, false, false),
                "python/mxnet/gluon/nn/conv_layers.py MaxPool2D @1.1.0: strides=None -> pool_size, ceil_mode=False"));
    }

    private static void cntk(Consumer<Fixture> out) {
        Formulas f = new Formulas("cntk", "CNTK 2.x");
        out.accept(f.pool(new PoolCase("nchw-k2-default-stride", true, 5, 5, 2, 1, false, false, false),
                "bindings/python/cntk/layers/layers.py MaxPooling(filter_shape, strides=1, pad=False) @0265cb5d"));
        LossCase sum = new LossCase("onehot-sum", false, false);
        out.accept(f.loss(sum, sum.logits("cntk"), 0,
                "cross_entropy_with_softmax, summed over the minibatch by the Trainer (Source/CNTKv2LibraryDll/"
                        + "Trainer.cpp ReduceSum)"));
        // The Trainer sums the gradient over the batch; a per-minibatch rate is divided by N (lr_s = lr/N).
        double perSample = 1.0 / StepCase.BATCH;
        out.accept(f.steps("sgd_momentum", new StepCase("unit-gain", 1f), RATES, "sum", perSample,
                (w, g, t, lr, v, m) -> UpdateMath.cntk(w, g, v, lr, MOMENTUM, true),
                "Source/Math/Matrix.cpp MomentumSGDUpdate: v = m v + (1 - m) lr g; w -= v, unit gain being the "
                        + "default (Source/CNTKv2LibraryDll/Common.cpp s_defaultUnitGainValue(true)); "
                        + "learning_rate_schedule(lr, UnitType.minibatch)")
                .arg("momentum", MOMENTUM).arg("rule", "unit-gain"));
        out.accept(f.steps("sgd_momentum", new StepCase("classic", 1f), RATES, "sum", perSample,
                (w, g, t, lr, v, m) -> UpdateMath.cntk(w, g, v, lr, MOMENTUM, false),
                "Source/Math/Matrix.cpp MomentumSGDUpdate with unit_gain=False (the CNTK notebooks): "
                        + "v = m v + lr g; w -= v; learning_rate_schedule(lr, UnitType.minibatch)")
                .arg("momentum", MOMENTUM).arg("rule", "lr-inside-positive"));
        double[] adamRates = {0.01, 0.01, 0.01};
        out.accept(f.steps("adam", new StepCase("unit-gain-false", 1f), adamRates, "sum", perSample,
                (w, g, t, lr, v, m) -> UpdateMath.adamUndamped(w, g, m, v, lr, 0.9, 0.999, 1e-8, t),
                "cntk.adam(..., unit_gain=False) as the CNTK RNN notebook calls it (reference/benchmark.md §4): "
                        + "m = b1 m + g without (1 - b1); v = b2 v + (1 - b2) g^2; w -= lr sqrt(1 - b2^t) / (1 - b1^t) "
                        + "m / (sqrt(v) + eps) (bindings/python/cntk/learners/__init__.py)")
                .arg("beta1", 0.9).arg("beta2", 0.999).arg("epsilon", 1e-8).arg("rule", "undamped-first-moment"));
        for (GruCase c : GruCase.all()) {
            out.accept(f.gru(c, true, false, false, false, false, 0.5f,
                    "bindings/python/cntk/layers/blocks.py GRU @02e8595b: z, r = sigmoid(W x + b + H h), "
                            + "c = tanh(W_c x + b_c + (r * h) H1), h = (1 - z) c + z h; one bias, blocks stacked z, r, c"));
        }
    }

    private static void caffe2(Consumer<Fixture> out) {
        Formulas f = new Formulas("caffe2", "Caffe2 0.8.1");
        out.accept(f.dropout("is-test-unset", 0.5, true, true,
                "caffe2/operators/dropout_op.cc @v0.8.1: inverted, scale 1/(1 - ratio); is_test defaults to 0, so a "
                        + "test net built without is_test=1 drops too"));
        LossCase mean = new LossCase("sparse-mean", true, true);
        out.accept(f.loss(mean, mean.logits("caffe2"), 0,
                "Softmax, LabelCrossEntropy (-log max(p, 1e-20)), AveragedLoss as the Caffe2 notebook builds it "
                        + "(caffe2/operators/softmax_with_loss_op.cc, cross_entropy_op.cc @v0.8.1): no clamp is reached here"));
        out.accept(f.pool(new PoolCase("nchw-k2-default-stride", true, 5, 5, 2, 1, false, false, false),
                "caffe2/operators/conv_pool_op_base.h @v0.8.1: a missing stride is 1; floor"));
        out.accept(f.steps("sgd_momentum", STEPS, RATES, "mean", 1,
                (w, g, t, lr, v, m) -> UpdateMath.caffe2Nesterov(w, g, v, lr, MOMENTUM),
                "caffe2/sgd/momentum_sgd_op.h momentum_sgd_update with nesterov=1, SgdOptimizer's default "
                        + "(caffe2/python/optimizer.py @v0.8.1): v' = m v + lr g; w -= (1 + m) v' - m v")
                .arg("momentum", MOMENTUM).arg("rule", "nesterov-caffe2"));
        for (GruCase c : GruCase.all()) {
            out.accept(f.gru(c, false, false, true, false, false, 0.5f,
                    "caffe2/python/gru_cell.py and caffe2/operators/gru_unit_op.h @v0.8.1: o = W_io x + b_io + "
                            + "W_ho (r * h) + b_ho, h = z h + (1 - z) tanh(o); an i2h bias and recurrent fc biases"));
        }
    }

    private static void keras(Consumer<Fixture> out) {
        Formulas f = new Formulas("keras", "Keras 2.1.6");
        out.accept(f.pool(new PoolCase("nchw-k2-default-stride", true, 5, 5, 2, 2, false, false, false),
                "keras/layers/pooling.py _Pooling2D @2.1.6: strides=None -> pool_size, padding='valid' (floor)"));
        LossCase c = new LossCase("onehot-mean-clipped", false, true);
        float[] logits = c.logits("keras");
        int[] labels = c.labels("keras");
        // Two saturated rows: one whose label holds p ~ 1 (clipped to 1 - 1e-7), one whose label holds
        // p ~ 1e-9 (clipped to 1e-7, loss -log(1e-7) = 16.12 instead of ~24). Neither passes a gradient.
        logits[labels[0]] = 24f;
        logits[LossCase.C + (labels[1] + 1) % LossCase.C] = 24f;
        out.accept(f.loss(c, logits, 1e-7,
                "keras/backend/tensorflow_backend.py categorical_crossentropy on softmax output: p / sum(p), "
                        + "clip to [_EPSILON, 1 - _EPSILON] (keras/backend/common.py _EPSILON = 1e-7), -sum(t log p); "
                        + "batch mean (keras/engine/training.py) @2.1.6"));
        out.accept(f.steps("sgd_momentum", STEPS, RATES, "mean", 1, lrInside(),
                "keras/optimizers.py SGD @2.1.6: v = m v - lr g; w += v (nesterov=False, decay=0)")
                .arg("momentum", MOMENTUM).arg("rule", "lr-inside"));
        for (GruCase g : GruCase.all()) {
            // Weights within +-0.25 keep |pre-activation| <= 2 < 2.5, off hard_sigmoid's kinks.
            out.accept(f.gru(g, true, false, false, false, true, 0.25f,
                    "keras/layers/recurrent.py GRUCell @2.1.6 (reset_after=False, recurrent_activation="
                            + "'hard_sigmoid' = clip(0.2 x + 0.5, 0, 1)): hh = tanh(x W_h + b_h + (r * h) U_h), "
                            + "h = z h + (1 - z) hh; kernel columns z, r, h, one bias"));
        }
    }

    private static Formulas.Update lrInside() {
        return (w, g, t, lr, v, m) -> UpdateMath.lrInside(w, g, v, lr, MOMENTUM);
    }
}
