package rosetta.layers.init;

/**
 * Caffe2's {@code XavierFill}, the default weight filler of {@code brew.conv} and {@code brew.fc}:
 * U(±√(3/fan_in)) with fan_in = numel / dim(0) (caffe2/operators/filler_op.h @v0.8.1). Despite the name
 * this is LeCun's uniform law, not Glorot's; the two agree only when fan_in = fan_out.
 */
public final class Caffe2Xavier extends FanScaledInitializer {

    public Caffe2Xavier() {
        super(Distribution.UNIFORM);
    }

    @Override
    public double scale(Fans fans) {
        return Math.sqrt(3.0 / fans.fanIn());
    }

    @Override
    public String spec() {
        return "caffe2-xavier";
    }
}
