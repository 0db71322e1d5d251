package rosetta.layers;

import java.util.ArrayList;
import java.util.List;
import rosetta.layers.GruConfig.FanConvention;
import rosetta.layers.init.Fans;
import rosetta.layers.init.Initializer;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.random.RngStream;

/**
 * A GRU layer's parameters, named as PyTorch's: {@code weight_ih} [3H, I], {@code weight_hh} [3H, H],
 * {@code bias_ih} [3H], {@code bias_hh} [3H] with two bias sets, {@code h0} [H] when the initial state is
 * learnt (it starts at zeros, as the TF notebook's variable). Each draws from {@code rng.split(name)}.
 */
final class GruParameters {
    final Parameter weightIh;
    final Parameter weightHh;
    final Parameter biasIh;
    /** Null with one bias set. */
    final Parameter biasHh;
    /** Null unless the initial state is learnt. */
    final Parameter initialState;
    private final GruConfig config;
    private final List<Parameter> all;

    GruParameters(Backend backend, DType dtype, GruConfig config, RngStream rng) {
        this.config = config;
        int in = config.inputSize();
        int h = config.hiddenSize();
        this.weightIh = new Parameter("weight_ih", ParamRole.WEIGHT, InitialValues.upload(backend, dtype,
                Shape.of(3 * h, in), weight(in, config.inputWeightInit(), rng.split("weight_ih"))),
                config.inputWeightInit().spec());
        this.weightHh = new Parameter("weight_hh", ParamRole.RECURRENT_WEIGHT, InitialValues.upload(backend, dtype,
                Shape.of(3 * h, h), weight(h, config.recurrentWeightInit(), rng.split("weight_hh"))),
                config.recurrentWeightInit().spec());
        this.biasIh = bias("bias_ih", in, backend, dtype, rng);
        this.biasHh = config.spec().recurrentBias() ? bias("bias_hh", h, backend, dtype, rng) : null;
        this.initialState = config.trainableInitialState()
                ? new Parameter("h0", ParamRole.INITIAL_STATE, backend.allocate(dtype, Shape.of(h)), "zeros")
                : null;
        List<Parameter> list = new ArrayList<>(List.of(weightIh, weightHh, biasIh));
        if (biasHh != null) {
            list.add(biasHh);
        }
        if (initialState != null) {
            list.add(initialState);
        }
        this.all = List.copyOf(list);
    }

    /** In a stable order: weights, biases, initial state. */
    List<Parameter> all() {
        return all;
    }

    /** A packed [3H, cols] matrix that multiplies a cols-wide input (x or h). */
    private double[] weight(int cols, Initializer init, RngStream rng) {
        int h = config.hiddenSize();
        double[] values = new double[3 * h * cols];
        if (config.fanConvention() == FanConvention.TF_CONCATENATED) {
            InitialValues.fill(values, 0, init, fans(cols, 2 * h, cols), rng);
            InitialValues.fill(values, 2 * h * cols, init, fans(cols, h, cols), rng);
        } else {
            InitialValues.fill(values, 0, init, fans(cols, 3 * h, cols), rng);
        }
        return values;
    }

    /** A packed [3H] bias of the matrix with {@code cols} columns: gate blocks, then the candidate's. */
    private Parameter bias(String name, int cols, Backend backend, DType dtype, RngStream parent) {
        int h = config.hiddenSize();
        RngStream rng = parent.split(name);
        double[] values = new double[3 * h];
        InitialValues.fill(values, 0, config.gateBiasInit(), fans(cols, 2 * h, 1), rng);
        InitialValues.fill(values, 2 * h, config.candidateBiasInit(), fans(cols, h, 1), rng);
        String spec = config.gateBiasInit().spec().equals(config.candidateBiasInit().spec())
                ? config.gateBiasInit().spec()
                : "gates " + config.gateBiasInit().spec() + ", candidate " + config.candidateBiasInit().spec();
        return new Parameter(name, ParamRole.BIAS, InitialValues.upload(backend, dtype, Shape.of(3 * h), values), spec);
    }

    /**
     * Fans of {@code rows} packed rows (a block, or the whole matrix) of the matrix with {@code cols}
     * columns, seen as rows x {@code viewCols}; a bias carries its matrix's fans.
     */
    private Fans fans(int cols, int rows, int viewCols) {
        int h = config.hiddenSize();
        return switch (config.fanConvention()) {
            case WHOLE_MATRIX -> new Fans(cols, 3 * h, rows, viewCols);
            case TF_CONCATENATED -> new Fans(config.inputSize() + h, rows, rows, viewCols);
            case HIDDEN_SIZE -> new Fans(h, 3 * h, rows, viewCols);
        };
    }
}
