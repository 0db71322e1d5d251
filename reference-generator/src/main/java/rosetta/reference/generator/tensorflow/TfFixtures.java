package rosetta.reference.generator.tensorflow;

import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;

/** Every fixture computed by TensorFlow. */
public final class TfFixtures {
    private TfFixtures() {
    }

    public static void write(Consumer<Fixture> out) {
        TfConv.write(out);
        TfPool.write(out);
        TfLoss.write(out);
        TfOptimizers.write(out);
        TfGru.write(out);
    }
}
