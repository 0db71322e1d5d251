package rosetta.layers.init;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Parses initialiser specs such as {@code glorot-uniform}, {@code uniform(0.07)}, {@code mxnet-xavier(gaussian,in,2)}. */
public final class Initializers {
    /** Every accepted form, in the order the error message lists them. */
    public static final List<String> FORMS = List.of(
            "zeros", "constant(c)", "uniform(a)", "normal(s)",
            "glorot-uniform", "glorot-normal", "lecun-uniform", "lecun-normal", "he-uniform", "he-normal",
            "caffe2-xavier", "pytorch-default",
            "mxnet-xavier(rnd_type,factor_type,magnitude)  (rnd_type: uniform|gaussian; factor_type: in|out|avg)",
            "orthogonal", "orthogonal(gain)");

    private Initializers() {
    }

    /** The initialiser {@code spec} names; its {@link Initializer#spec()} is the canonical form. */
    public static Initializer parse(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        String name = open < 0 ? s : s.substring(0, open).strip();
        List<String> args = open < 0 ? List.of() : arguments(spec, s, open);
        // a malformed argument is reported with the spec it came from; a wrong name or count lists every form
        return switch (name) {
            case "zeros" -> arity(spec, args, 0, Constant::zeros);
            case "constant" -> arity(spec, args, 1, () -> new Constant(number(args.get(0))));
            case "uniform" -> arity(spec, args, 1, () -> new Uniform(number(args.get(0))));
            case "normal" -> arity(spec, args, 1, () -> new Normal(number(args.get(0))));
            case "glorot-uniform" -> arity(spec, args, 0, () -> new Glorot(Distribution.UNIFORM));
            case "glorot-normal" -> arity(spec, args, 0, () -> new Glorot(Distribution.NORMAL));
            case "lecun-uniform" -> arity(spec, args, 0, () -> new LeCun(Distribution.UNIFORM));
            case "lecun-normal" -> arity(spec, args, 0, () -> new LeCun(Distribution.NORMAL));
            case "he-uniform" -> arity(spec, args, 0, () -> new He(Distribution.UNIFORM));
            case "he-normal" -> arity(spec, args, 0, () -> new He(Distribution.NORMAL));
            case "caffe2-xavier" -> arity(spec, args, 0, Caffe2Xavier::new);
            case "pytorch-default" -> arity(spec, args, 0, PyTorchDefault::new);
            case "mxnet-xavier" -> arity(spec, args, 3, () -> new MxnetXavier(rndType(args.get(0)),
                    factorType(args.get(1)), number(args.get(2))));
            case "orthogonal" -> args.isEmpty() ? new Orthogonal(1)
                    : arity(spec, args, 1, () -> new Orthogonal(number(args.get(0))));
            default -> throw unknown(spec);
        };
    }

    /** A spec's number: integral values without a decimal point, others in plain decimal. */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static List<String> arguments(String spec, String s, int open) {
        if (!s.endsWith(")")) {
            throw unknown(spec);
        }
        return Arrays.stream(s.substring(open + 1, s.length() - 1).split(",", -1)).map(String::strip).toList();
    }

    private static Initializer arity(String spec, List<String> args, int expected,
            Supplier<Initializer> make) {
        if (args.size() != expected) {
            throw unknown(spec);
        }
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("initialiser '" + spec + "': " + e.getMessage(), e);
        }
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    private static Distribution rndType(String text) {
        return switch (text) {
            case "uniform" -> Distribution.UNIFORM;
            case "gaussian" -> Distribution.NORMAL;
            default -> throw new IllegalArgumentException("rnd_type must be uniform or gaussian, got '" + text + "'");
        };
    }

    private static MxnetXavier.FactorType factorType(String text) {
        for (MxnetXavier.FactorType t : MxnetXavier.FactorType.values()) {
            if (t.label().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("factor_type must be in, out or avg, got '" + text + "'");
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown initialiser '" + spec + "'; valid: "
                + String.join(", ", FORMS));
    }
}
