package rosetta.layers;

import java.util.List;
import java.util.Map;
import rosetta.layers.init.Fans;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;
import rosetta.tensor.random.RngStream;

/**
 * 2-D convolution, x: [N, C, H, W] (NCHW) or [N, H, W, C] (NHWC), weight [K, C, kh, kw] or [K, kh, kw, C]
 * as cuDNN's filter formats, bias [K]. fan_in = C·kh·kw, fan_out = K·kh·kw in both layouts. The backend
 * plans the convolution once per input shape (the algorithm per pass, the workspace) and the plan is kept
 * until the shape changes, e.g. for the last, smaller batch.
 */
public final class Conv2d implements Layer {
    private final Backend backend;
    private final DType dtype;
    private final ConvConfig config;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private boolean inputGradient = true;
    private ConvPlan plan;
    /** The input shape the plan was made for. */
    private Shape plannedInput;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    /** Draws the weight from {@code rng.split(name + ".weight")} and the bias from {@code ".bias"}. */
    public Conv2d(Backend backend, DType dtype, ConvConfig config, RngStream rng) {
        this.backend = backend;
        this.dtype = dtype;
        this.config = config;
        int k = config.outChannels();
        int c = config.inChannels();
        int kh = config.kernelHeight();
        int kw = config.kernelWidth();
        Fans fans = new Fans(c * kh * kw, k * kh * kw, k, c * kh * kw);
        String weightName = config.name() + ".weight";
        // Filled in [K, C, kh, kw] order whatever the layout, then permuted, so the same seed gives the
        // same convolution in NCHW and NHWC and the layout knob changes speed only.
        Tensor canonical = config.weightInit().create(backend, dtype, Shape.of(k, c, kh, kw), fans,
                rng.split(weightName));
        Tensor value = canonical;
        if (config.layout() == Layout.NHWC) {
            value = backend.allocate(dtype, Shape.of(k, kh, kw, c));
            backend.ops().layout().permute(canonical, value, LayoutTranspose.axes(Layout.NCHW, Layout.NHWC));
            canonical.close();
        }
        this.weight = new Parameter(weightName, ParamRole.WEIGHT, value, config.weightInit().spec());
        String biasName = config.name() + ".bias";
        this.bias = !config.bias() ? null : new Parameter(biasName, ParamRole.BIAS,
                config.biasInit().create(backend, dtype, Shape.of(k), fans.forBias(k), rng.split(biasName)),
                config.biasInit().spec());
        this.parameters = bias == null ? List.of(weight) : List.of(weight, bias);
    }

    public ConvConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Shape outputShape(Shape input) {
        return geometry(input).outputShape();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        InputCheck.dtype(name(), dtype, input);
        if (plan == null || !input.shape().equals(plannedInput)) {
            ConvGeometry g = geometry(input.shape());
            ConvPlan next = backend.ops().conv().plan(g, dtype, config.policy());
            Buffers.close(plan);
            plan = next;
            plannedInput = input.shape();
            y = Buffers.reuse(y, backend, dtype, g.outputShape());
        }
        x = input;
        backend.ops().conv().forward(plan, input, weight.value(), bias == null ? null : bias.value(), y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        InputCheck.gradient(name(), y, dy);
        backend.ops().conv().backwardFilter(plan, x, dy, weight.gradient());
        if (bias != null) {
            backend.ops().conv().backwardBias(plan, dy, bias.gradient());
        }
        if (!inputGradient) {
            return null;
        }
        dx = Buffers.reuse(dx, backend, dtype, x.shape());
        backend.ops().conv().backwardData(plan, dy, weight.value(), dx);
        return dx;
    }

    /** The algorithm each pass runs for the current input shape; empty before the first forward. */
    public Map<ConvPass, String> algorithms() {
        return plan == null ? Map.of() : plan.algorithms();
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
        Buffers.close(plan, y, dx, weight, bias);
        plan = null;
        plannedInput = null;
        y = null;
        dx = null;
        x = null;
    }

    private ConvGeometry geometry(Shape input) {
        Layout layout = config.layout();
        String expected = layout == Layout.NCHW ? "[N, " + config.inChannels() + ", H, W] (NCHW)"
                : "[N, H, W, " + config.inChannels() + "] (NHWC)";
        InputCheck.shape(input.rank() == 4 && layout.channels(input) == config.inChannels(), name(), expected, input);
        try {
            return ConvGeometry.of(layout, input, config.outChannels(), config.kernelHeight(), config.kernelWidth(),
                    config.stride(), config.stride(), config.padding(), config.flipKernel());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
        }
    }
}
