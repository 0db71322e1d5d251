package rosetta.layers.init;

/**
 * Glorot and Bengio (2010): variance 2 / (fan_in + fan_out), so U(±√(6/(fan_in+fan_out))) or
 * N(0, √(2/(fan_in+fan_out))). The default of TensorFlow's variable scopes and Keras layers
 * (tensorflow/python/ops/init_ops.py VarianceScaling, fan_avg @v1.4.0; keras/initializers.py @2.1.6),
 * CNTK and Lasagne. The normal form is a plain normal, as Chainer's GlorotNormal
 * (chainer/initializers/normal.py @v4.0.0); Keras 2 truncates its normal at two standard deviations.
 */
public final class Glorot extends FanScaledInitializer {

    public Glorot(Distribution law) {
        super(law);
    }

    @Override
    public double scale(Fans fans) {
        return law().scaleForVariance(2.0 / (fans.fanIn() + fans.fanOut()));
    }

    @Override
    public String spec() {
        return "glorot-" + law().label();
    }
}
