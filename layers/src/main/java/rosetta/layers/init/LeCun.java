package rosetta.layers.init;

/**
 * LeCun et al. (1998): variance 1 / fan_in, so U(±√(3/fan_in)) or N(0, √(1/fan_in)). Chainer's default
 * for convolution and linear weights is the normal form (chainer/initializers/__init__.py @v4.0.0,
 * LeCunNormal with fan_in = shape[1]·prod(shape[2:])).
 */
public final class LeCun extends FanScaledInitializer {

    public LeCun(Distribution law) {
        super(law);
    }

    @Override
    public double scale(Fans fans) {
        return law().scaleForVariance(1.0 / fans.fanIn());
    }

    @Override
    public String spec() {
        return "lecun-" + law().label();
    }
}
