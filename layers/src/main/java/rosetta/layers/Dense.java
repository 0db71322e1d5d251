package rosetta.layers;

import java.util.List;
import rosetta.layers.init.Fans;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * y = x Wᵀ + b for x: [N, in]. The weight is stored [out, in], PyTorch's {@code nn.Linear} and Caffe2's
 * {@code brew.fc} orientation (Keras and TensorFlow store the transpose), with fan_in = in, fan_out = out.
 */
public final class Dense implements Layer {
    private final Backend backend;
    private final DType dtype;
    private final DenseConfig config;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private boolean inputGradient = true;
    /** The input shape y was made for: a step with the same shape reuses it without checking again. */
    private Shape inputShape;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    /** Draws the weight from {@code rng.split(name + ".weight")} and the bias from {@code ".bias"}. */
    public Dense(Backend backend, DType dtype, DenseConfig config, RngStream rng) {
        this.backend = backend;
        this.dtype = dtype;
        this.config = config;
        int in = config.inFeatures();
        int out = config.outFeatures();
        Fans fans = new Fans(in, out, out, in);
        String weightName = config.name() + ".weight";
        this.weight = new Parameter(weightName, ParamRole.WEIGHT,
                config.weightInit().create(backend, dtype, Shape.of(out, in), fans, rng.split(weightName)),
                config.weightInit().spec());
        String biasName = config.name() + ".bias";
        this.bias = !config.bias() ? null : new Parameter(biasName, ParamRole.BIAS,
                config.biasInit().create(backend, dtype, Shape.of(out), fans.forBias(out), rng.split(biasName)),
                config.biasInit().spec());
        this.parameters = bias == null ? List.of(weight) : List.of(weight, bias);
    }

    public DenseConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Shape outputShape(Shape input) {
        boolean flat = input.rank() == 2 && input.dim(1) == config.inFeatures();
        String hint = !flat && input.rank() > 2 && input.sizeFrom(1) == config.inFeatures()
                ? " (put a Flatten before it)" : "";
        InputCheck.shape(flat, name(), "[N, " + config.inFeatures() + "]" + hint, input);
        return Shape.of(input.dim(0), config.outFeatures());
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        InputCheck.dtype(name(), dtype, input);
        if (!input.shape().equals(inputShape)) {
            y = Buffers.reuse(y, backend, dtype, outputShape(input.shape()));
            inputShape = input.shape();
        }
        x = input;
        // y = x Wᵀ, then + b along the feature axis
        backend.gemm(false, true, 1, input, weight.value(), 0, y);
        if (bias != null) {
            backend.ops().bias().forward(bias.value(), y, 1);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name(), y, dy);
        // dW = dyᵀ x: [out, N] x [N, in]
        backend.gemm(true, false, 1, dy, x, 0, weight.gradient());
        if (bias != null) {
            backend.ops().bias().backward(dy, bias.gradient(), 1);
        }
        if (!inputGradient) {
            return null;
        }
        // dx = dy W: [N, out] x [out, in]
        dx = Buffers.reuse(dx, backend, dtype, x.shape());
        backend.gemm(false, false, 1, dy, weight.value(), 0, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void computeInputGradient(boolean on) {
        inputGradient = on;
    }

    @Override
    public void close() {
        Buffers.close(y, dx, weight, bias);
        y = null;
        dx = null;
        x = null;
        inputShape = null;
    }
}
