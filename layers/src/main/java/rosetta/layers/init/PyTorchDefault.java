package rosetta.layers.init;

/**
 * PyTorch 0.x's {@code reset_parameters} for {@code nn.Conv2d} and {@code nn.Linear}: U(±1/√fan_in)
 * for the weight and for the bias, both with the weight's fan_in = C_in·k_h·k_w (or in_features)
 * (torch/nn/modules/conv.py _ConvNd.reset_parameters, torch/nn/modules/linear.py @v0.4.0). The layer hands
 * a bias the fans of its weight, so the same initialiser serves both.
 */
public final class PyTorchDefault extends FanScaledInitializer {

    public PyTorchDefault() {
        super(Distribution.UNIFORM);
    }

    @Override
    public double scale(Fans fans) {
        return 1.0 / Math.sqrt(fans.fanIn());
    }

    @Override
    public String spec() {
        return "pytorch-default";
    }
}
