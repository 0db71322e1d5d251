package rosetta.reference.generator.cases;

import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Values;

/**
 * Three optimiser steps on a 6-element parameter. Each step has its own gradient (the gradient of
 * the batch-mean loss of a batch of 4, unless a fixture says it is the sum) and learning rate; the rate
 * halves before step 3, which is where rules that keep the rate inside the velocity part from those that
 * apply it outside.
 */
public record StepCase(String name, float gradientScale) {
    public static final int SIZE = 6;
    public static final int STEPS = 3;
    public static final int BATCH = 4;

    public float[] weight(String framework, String op) {
        return Values.named(framework + "/" + op + "-weight-" + name).uniform(SIZE);
    }

    /** [STEPS, SIZE]: row t is the gradient of step t + 1. */
    public float[] gradients(String framework, String op) {
        return Values.named(framework + "/" + op + "-gradients-" + name).uniform(STEPS * SIZE, gradientScale);
    }

    public Fixture describe(Fixture f, float[] weight, float[] gradients, double[] rates) {
        return f.arg("learning_rates", rates).arg("batch", BATCH)
                .array("weight", new int[] {SIZE}, weight)
                .array("gradients", new int[] {STEPS, SIZE}, gradients);
    }

    public static float[] row(float[] m, int t) {
        float[] r = new float[SIZE];
        System.arraycopy(m, t * SIZE, r, 0, SIZE);
        return r;
    }
}
