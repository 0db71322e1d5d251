package rosetta.reference.generator.formula;

import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;

/**
 * Initialiser statistics: for one parameter of a benchmark-sized layer, the distribution a framework
 * draws it from, its bound or standard deviation from the cited formula, and the fans that formula
 * uses. Shapes are this engine's: conv weight [K, C, kh, kw] = [128, 64, 3, 3] (fan_in 576, fan_out
 * 1152), dense weight [out, in] = [256, 1600], GRU weight_ih [3H, I] = [300, 125] and weight_hh
 * [3H, H] = [300, 100], embedding [vocabulary, dimension] = [5000, 125], conv bias [512] of a 64-channel
 * 3x3 layer. {@code rows} [from, to), where given, names the slice of the packed GRU parameter the law
 * holds for. A test draws the parameter with the dialect's initialiser and compares the sample's
 * standard deviation and extremes with these.
 */
public final class InitFixtures {
    private static final int[] CONV = {128, 64, 3, 3};
    private static final int[] DENSE = {256, 1600};
    private static final int[] GRU_IH = {300, 125};
    private static final int[] GRU_HH = {300, 100};
    private static final int[] EMBEDDING = {5000, 125};

    private InitFixtures() {
    }

    public static void write(Consumer<Fixture> out) {
        out.accept(uniform("pytorch", "PyTorch 0.3.1", "conv-weight", "conv.weight", CONV, 576, 1152, 1 / Math.sqrt(576),
                "torch/nn/modules/conv.py _ConvNd.reset_parameters @v0.3.0: U(-1/sqrt(n), 1/sqrt(n)), n = C kh kw"));
        out.accept(uniform("pytorch", "PyTorch 0.3.1", "conv-bias", "conv.bias", new int[] {512}, 576, 4608,
                1 / Math.sqrt(576), "torch/nn/modules/conv.py _ConvNd.reset_parameters @v0.3.0: the bias from the "
                        + "weight's U(-1/sqrt(n), 1/sqrt(n)), n = C kh kw = 64 x 3 x 3").tolerance(0, 0.1));
        out.accept(uniform("pytorch", "PyTorch 0.3.1", "dense-weight", "dense.weight", DENSE, 1600, 256, 1 / Math.sqrt(1600),
                "torch/nn/modules/linear.py reset_parameters @v0.3.0: U(-1/sqrt(in), 1/sqrt(in))"));
        out.accept(uniform("pytorch", "PyTorch 0.3.1", "gru-weight-hh", "gru.recurrent-weight", GRU_HH, 100, 300, 0.1,
                "torch/nn/modules/rnn.py RNNBase.reset_parameters @v0.3.0: every weight U(-1/sqrt(H), 1/sqrt(H)), H = 100"));
        out.accept(normal("pytorch", "PyTorch 0.3.1", "embedding", "embedding", EMBEDDING, 5000, 125, 1.0,
                "torch/nn/modules/sparse.py Embedding.reset_parameters @v0.3.0: normal_(0, 1)"));
        double glorotConv = Math.sqrt(6.0 / (576 + 1152));
        out.accept(uniform("tensorflow", "TensorFlow 1.4", "conv-weight", "conv.weight", CONV, 576, 1152, glorotConv,
                "tensorflow/python/ops/variable_scope.py _get_default_initializer -> glorot_uniform_initializer; "
                        + "init_ops.py _compute_fans (receptive field x depth) @v1.4.0"));
        out.accept(uniform("tensorflow", "TensorFlow 1.4", "dense-weight", "dense.weight", DENSE, 1600, 256,
                Math.sqrt(6.0 / (1600 + 256)), "tensorflow/python/layers/core.py dense, kernel_initializer=None -> "
                        + "glorot_uniform_initializer @v1.4.0"));
        out.accept(constant("tensorflow", "TensorFlow 1.4", "conv-bias", "conv.bias", new int[] {512}, 576, 4608, 0.0,
                "tensorflow/python/layers/convolutional.py conv2d bias_initializer=init_ops.zeros_initializer() @v1.4.0"));
        out.accept(constant("tensorflow", "TensorFlow 1.4", "gru-gate-bias", "gru.gate-bias", new int[] {200}, 225, 200, 1.0,
                "tensorflow/python/ops/rnn_cell_impl.py GRUCell @v1.4.0: gates bias constant_initializer(1.0)")
                .arg("rows", 0, 200));
        out.accept(constant("tensorflow", "TensorFlow 1.4", "gru-candidate-bias", "gru.candidate-bias", new int[] {100},
                225, 100, 0.0, "tensorflow/python/ops/rnn_cell_impl.py GRUCell @v1.4.0: candidate bias zeros (the _Linear default)")
                .arg("rows", 200, 300));
        out.accept(uniform("tensorflow", "TensorFlow 1.4", "gru-weight-ih-candidate", "gru.input-weight",
                new int[] {100, 125}, 225, 100, Math.sqrt(6.0 / (225 + 100)),
                "tensorflow/python/ops/rnn_cell_impl.py GRUCell @v1.4.0: the candidate kernel [(I + H), H] from the "
                        + "scope's glorot_uniform, fan_in = I + H = 225, fan_out = H = 100; here its input rows, the "
                        + "candidate block of weight_ih")
                .arg("rows", 200, 300));
        out.accept(uniform("caffe2", "Caffe2 0.8.1", "conv-weight", "conv.weight", CONV, 576, 1152, Math.sqrt(3.0 / 576),
                "caffe2/operators/filler_op.h XavierFill @v0.8.1: U(-sqrt(3/fan_in), sqrt(3/fan_in)), fan_in = size / dim(0)"));
        out.accept(uniform("keras", "Keras 2.1.6", "conv-weight", "conv.weight", CONV, 576, 1152, glorotConv,
                "keras/initializers.py glorot_uniform = VarianceScaling(1, fan_avg, uniform), _compute_fans @2.1.6"));
        out.accept(uniform("keras", "Keras 2.1.6", "embedding", "embedding", EMBEDDING, 5000, 125, 0.05,
                "keras/layers/embeddings.py Embedding(embeddings_initializer='uniform') = RandomUniform(-0.05, 0.05) @2.1.6"));
        out.accept(uniform("keras", "Keras 2.1.6", "gru-weight-ih", "gru.input-weight", GRU_IH, 125, 300,
                Math.sqrt(6.0 / (125 + 300)), "keras/layers/recurrent.py GRU(kernel_initializer='glorot_uniform') over "
                        + "the whole (in, 3U) kernel @2.1.6"));
        out.accept(orthogonal("keras", "Keras 2.1.6", "gru-weight-hh", "gru.recurrent-weight", GRU_HH, 1.0,
                "keras/initializers.py Orthogonal(gain=1) over the whole (U, 3U) recurrent kernel @2.1.6: stored here "
                        + "transposed as [3H, H], so its columns are orthonormal"));
        out.accept(uniform("mxnet", "MXNet 1.1.0", "conv-weight-module-default", "conv.weight", CONV, 576, 1152, 0.01,
                "python/mxnet/module/base_module.py fit(initializer=Uniform(0.01)) @1.1.0: U(-0.01, 0.01)"));
        out.accept(uniform("mxnet", "MXNet 1.1.0", "conv-weight-xavier", "conv.weight", CONV, 576, 1152,
                Math.sqrt(3.0 / ((576 + 1152) / 2.0)), "python/mxnet/initializer.py Xavier(rnd_type='uniform', "
                        + "factor_type='avg', magnitude=3) @1.1.0: U(+-sqrt(magnitude / ((fan_in + fan_out) / 2)))"));
        out.accept(uniform("gluon", "MXNet Gluon 1.1.0", "conv-weight-default", "conv.weight", CONV, 576, 1152, 0.07,
                "python/mxnet/gluon/block.py initialize(init=Uniform()) -> initializer.py Uniform(scale=0.07) @1.1.0"));
        out.accept(uniform("gluon", "MXNet Gluon 1.1.0", "conv-weight-xavier-2.24", "conv.weight", CONV, 576, 1152,
                Math.sqrt(2.24 / ((576 + 1152) / 2.0)), "python/mxnet/initializer.py Xavier(magnitude=2.24) as the "
                        + "Gluon notebook sets it @1.1.0: U(+-sqrt(2.24 / ((fan_in + fan_out) / 2)))"));
        out.accept(uniform("cntk", "CNTK 2.x", "conv-weight", "conv.weight", CONV, 576, 1152, glorotConv,
                "Source/ComputationNetworkLib/InputAndParamNodes.cpp LearnableParameter::InitRandom glorotUniform: "
                        + "sqrt(6 / (fan_in + fan_out)), fan_in = C kh kw, fan_out = K kh kw"));
        out.accept(normal("chainer", "Chainer 4.0.0", "conv-weight", "conv.weight", CONV, 576, 1152, Math.sqrt(1.0 / 576),
                "chainer/initializers/__init__.py _get_initializer(None) -> LeCunNormal(scale=1), "
                        + "chainer/initializer.py get_fans @v4.0.0: N(0, 1/fan_in)"));
        out.accept(normal("chainer", "Chainer 4.0.0", "embedding", "embedding", EMBEDDING, 5000, 125, 1.0,
                "chainer/links/connection/embed_id.py EmbedID(initialW=None) -> Normal(1.0) @v4.0.0"));
        out.accept(uniform("lasagne", "Lasagne 0.2.dev1", "conv-weight", "conv.weight", CONV, 576, 1152,
                Math.sqrt(3) * Math.sqrt(2.0 / ((128 + 64) * 9)), "lasagne/init.py GlorotUniform @5d3c63cb: "
                        + "std = sqrt(2 / ((n1 + n2) rf)), U(+-sqrt(3) std)"));
        out.accept(normal("lasagne", "Lasagne 0.2.dev1", "gru-weight-ih", "gru.input-weight", GRU_IH, 125, 300, 0.1,
                "lasagne/layers/recurrent.py Gate(W_in=Normal(0.1)) @5d3c63cb: N(0, 0.1^2)"));
    }

    private static Fixture base(String framework, String version, String name, String parameter, int[] shape,
            int fanIn, int fanOut, String distribution, String source) {
        return new Fixture(framework, version + " (formula-based: the initialiser's law and scale from the cited source)",
                "init", name, source)
                .arg("parameter", parameter).arg("shape", shape).arg("fan_in", fanIn).arg("fan_out", fanOut)
                .arg("distribution", distribution);
    }

    /** U(-bound, bound): standard deviation bound / sqrt(3); a 3% tolerance on the sample's. */
    private static Fixture uniform(String framework, String version, String name, String parameter, int[] shape,
            int fanIn, int fanOut, double bound, String source) {
        return base(framework, version, name, parameter, shape, fanIn, fanOut, "uniform", source)
                .arg("bound", bound).arg("std", bound / Math.sqrt(3)).tolerance(0, 0.03);
    }

    private static Fixture normal(String framework, String version, String name, String parameter, int[] shape,
            int fanIn, int fanOut, double std, String source) {
        return base(framework, version, name, parameter, shape, fanIn, fanOut, "normal", source)
                .arg("std", std).tolerance(0, 0.03);
    }

    private static Fixture constant(String framework, String version, String name, String parameter, int[] shape,
            int fanIn, int fanOut, double value, String source) {
        return base(framework, version, name, parameter, shape, fanIn, fanOut, "constant", source)
                .arg("value", value).tolerance(0, 0);
    }

    /** W^T W = gain^2 I for the [rows, cols] matrix with rows >= cols (columns orthonormal). */
    private static Fixture orthogonal(String framework, String version, String name, String parameter, int[] shape,
            double gain, String source) {
        return base(framework, version, name, parameter, shape, shape[1], shape[0], "orthogonal", source)
                .arg("gain", gain).tolerance(1e-5, 0);
    }
}
