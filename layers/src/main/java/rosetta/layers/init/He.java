package rosetta.layers.init;

/**
 * He et al. (2015), for ReLU networks: variance 2 / fan_in, so U(±√(6/fan_in)) or N(0, √(2/fan_in))
 * (keras/initializers.py he_uniform/he_normal @2.1.6, Chainer HeNormal @v4.0.0).
 */
public final class He extends FanScaledInitializer {

    public He(Distribution law) {
        super(law);
    }

    @Override
    public double scale(Fans fans) {
        return law().scaleForVariance(2.0 / fans.fanIn());
    }

    @Override
    public String spec() {
        return "he-" + law().label();
    }
}
