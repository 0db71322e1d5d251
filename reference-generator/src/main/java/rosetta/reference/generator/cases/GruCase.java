package rosetta.reference.generator.cases;

import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;

/**
 * A GRU over a batch-first sequence: N=2, I=3 inputs, H=4 hidden units, T steps (1 for the cell
 * fixtures). Weights are written in this engine's form whatever the framework stores: {@code weight_ih}
 * [3H, I], {@code weight_hh} [3H, H], {@code bias_ih} [3H] and, with two bias sets, {@code bias_hh} [3H],
 * the three gate blocks in the order the fixture names ({@code gate_order}).
 */
public record GruCase(String name, int steps) {
    public static final int N = 2;
    public static final int I = 3;
    public static final int H = 4;

    public static GruCase[] all() {
        return new GruCase[] {new GruCase("cell", 1), new GruCase("sequence", 5)};
    }

    public Values values(String framework) {
        return Values.named(framework + "/gru-" + name);
    }

    public int[] inputShape() {
        return new int[] {N, steps, I};
    }

    public int[] outputShape() {
        return new int[] {N, steps, H};
    }

    public static int[] matrix(int rows, int cols) {
        return new int[] {rows, cols};
    }

    /** Writes the arguments that name the GRU's form. */
    public Fixture describe(Fixture f, String gateOrder, String resetGate, int biasSets, String updateWeights,
            String gateActivation) {
        return f.arg("input_size", I).arg("hidden_size", H).arg("steps", steps).arg("gate_order", gateOrder)
                .arg("reset_gate", resetGate).arg("bias_sets", biasSets).arg("update_weights", updateWeights)
                .arg("gate_activation", gateActivation);
    }
}
