package rosetta.layers.init;

/**
 * MXNet's {@code Xavier(rnd_type, factor_type, magnitude)}: s = √(magnitude / factor) with factor =
 * fan_in, fan_out or their mean, then U(-s, s) for {@code uniform} or N(0, s²) for {@code gaussian}
 * (python/mxnet/initializer.py Xavier._init_weight @1.1.0). Its default (uniform, avg, 3) is Glorot's
 * uniform law; Gluon's benchmark used magnitude 2.24.
 */
public final class MxnetXavier extends FanScaledInitializer {

    /** Which fan the magnitude is divided by. */
    public enum FactorType {
        IN("in"), OUT("out"), AVG("avg");

        private final String label;

        FactorType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        double factor(Fans fans) {
            return switch (this) {
                case IN -> fans.fanIn();
                case OUT -> fans.fanOut();
                case AVG -> (fans.fanIn() + fans.fanOut()) / 2.0;
            };
        }
    }

    private final FactorType factorType;
    private final double magnitude;

    public MxnetXavier(Distribution law, FactorType factorType, double magnitude) {
        super(law);
        if (!(magnitude > 0)) {
            throw new IllegalArgumentException("mxnet-xavier magnitude must be positive, got " + magnitude);
        }
        this.factorType = factorType;
        this.magnitude = magnitude;
    }

    @Override
    public double scale(Fans fans) {
        return Math.sqrt(magnitude / factorType.factor(fans));
    }

    /** MXNet calls the normal law {@code gaussian}, so the spec does too. */
    @Override
    public String spec() {
        String rndType = law() == Distribution.UNIFORM ? "uniform" : "gaussian";
        return "mxnet-xavier(" + rndType + "," + factorType.label() + "," + Initializers.format(magnitude) + ")";
    }
}
