package rosetta.tensor.cpu;

import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.testing.TestData;

/**
 * A GRU's inputs, weights and gradients as seeded tensors, with the scalar loss L = sum(y ⊙ w) whose
 * dL/dy is the fixed tensor w, so gradient checks can compare backward with finite differences.
 */
final class GruFixture implements AutoCloseable {
    final Backend backend;
    final GruSpec spec;
    final GruPlan plan;
    final Tensor x;
    final Tensor h0;
    final Tensor weightIh;
    final Tensor weightHh;
    final Tensor biasIh;
    final Tensor biasHh;
    final Tensor y;
    final Tensor lossWeights;
    final Tensor dx;
    final Tensor dh0;
    final Tensor dWeightIh;
    final Tensor dWeightHh;
    final Tensor dBiasIh;
    final Tensor dBiasHh;

    /**
     * Inputs uniform in [-1, 1), weights and biases in [-weightScale, weightScale), h0 in [-1, 1) when
     * {@code withH0} (else null: zeros).
     */
    GruFixture(Backend backend, DType dtype, GruSpec spec, int batch, int steps, boolean withH0, double weightScale,
            long seed) {
        this.backend = backend;
        this.spec = spec;
        int in = spec.inputSize();
        int hidden = spec.hiddenSize();
        this.plan = backend.ops().gru().plan(spec, batch, steps, dtype);
        this.x = TestData.uniform(backend, dtype, plan.inputShape(), seed);
        this.h0 = withH0 ? TestData.uniform(backend, dtype, plan.stateShape(), seed + 1) : null;
        this.weightIh = scaled(dtype, Shape.of(3 * hidden, in), weightScale, seed + 2);
        this.weightHh = scaled(dtype, Shape.of(3 * hidden, hidden), weightScale, seed + 3);
        this.biasIh = scaled(dtype, Shape.of(3 * hidden), weightScale, seed + 4);
        this.biasHh = spec.recurrentBias() ? scaled(dtype, Shape.of(3 * hidden), weightScale, seed + 5) : null;
        this.y = backend.allocate(dtype, plan.outputShape());
        this.lossWeights = TestData.uniform(backend, dtype, plan.outputShape(), seed + 6);
        this.dx = backend.allocate(dtype, plan.inputShape());
        this.dh0 = backend.allocate(dtype, plan.stateShape());
        this.dWeightIh = backend.allocate(dtype, weightIh.shape());
        this.dWeightHh = backend.allocate(dtype, weightHh.shape());
        this.dBiasIh = backend.allocate(dtype, biasIh.shape());
        this.dBiasHh = spec.recurrentBias() ? backend.allocate(dtype, biasIh.shape()) : null;
    }

    GruOps ops() {
        return backend.ops().gru();
    }

    void forward() {
        ops().forward(plan, x, h0, weightIh, weightHh, biasIh, biasHh, y);
    }

    double loss() {
        forward();
        return backend.dot(y, lossWeights);
    }

    /** Forward, then every gradient of L (dh0 even when h0 is null: the gradient at the zero state). */
    void backward() {
        forward();
        ops().backward(plan, x, h0, weightIh, weightHh, y, lossWeights, dx, dh0, dWeightIh, dWeightHh, dBiasIh,
                dBiasHh);
    }

    /** Takes the other fixture's inputs, weights and loss weights (rounded when this one is FLOAT32). */
    void copyValuesFrom(GruFixture other) {
        Tensor[] mine = {x, h0, weightIh, weightHh, biasIh, biasHh, lossWeights};
        Tensor[] theirs = {other.x, other.h0, other.weightIh, other.weightHh, other.biasIh, other.biasHh,
            other.lossWeights};
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] != null) {
                try (Tensor converted = TestData.convert(theirs[i], mine[i].dtype())) {
                    backend.copy(converted, mine[i]);
                }
            }
        }
    }

    private Tensor scaled(DType dtype, Shape shape, double scale, long seed) {
        Tensor t = TestData.uniform(backend, dtype, shape, seed);
        backend.axpby(0, t, scale, t);
        return t;
    }

    @Override
    public void close() {
        plan.close();
        for (Tensor t : new Tensor[] {x, h0, weightIh, weightHh, biasIh, biasHh, y, lossWeights, dx, dh0, dWeightIh,
            dWeightHh, dBiasIh, dBiasHh}) {
            if (t != null) {
                t.close();
            }
        }
    }
}
