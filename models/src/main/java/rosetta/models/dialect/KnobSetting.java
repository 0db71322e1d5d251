package rosetta.models.dialect;

import java.util.Objects;

/**
 * One knob's value in a dialect with the reason it has that value ({@code why}, one line) and where the
 * framework's behaviour was read ({@code source}: framework file and version, or the notebook).
 */
public record KnobSetting(String value, String why, String source) {
    /** What {@link Dialect#with} writes as both {@code why} and {@code source}. */
    public static final String COMMAND_LINE = "set on the command line";

    public KnobSetting {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(source, "source");
    }

    static KnobSetting fromCommandLine(String value) {
        return new KnobSetting(value, COMMAND_LINE, COMMAND_LINE);
    }
}
