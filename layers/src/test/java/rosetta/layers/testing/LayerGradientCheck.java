package rosetta.layers.testing;

import java.util.function.DoubleSupplier;
import rosetta.layers.Layer;
import rosetta.layers.Parameter;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.testing.GradientCheck;
import rosetta.tensor.testing.TestData;

/**
 * Central-difference checks of a layer's backward pass in FLOAT64: the scalar L = Σ y ⊙ r, with r a
 * fixed random tensor of the output's shape, makes dL/dy = r, so backward(r) must return dL/dx and leave
 * dL/dθ in every parameter's gradient. The layer must be deterministic between forwards (a dropout
 * layer is checked by reseeding instead).
 */
public final class LayerGradientCheck {
    private LayerGradientCheck() {
    }

    /** Checks dL/dx (unless the layer skips it) and every parameter's gradient. */
    public static void check(Layer layer, Tensor x, boolean training) {
        if (x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradient checks run in FLOAT64");
        }
        Backend backend = x.backend();
        Tensor y = layer.forward(x, training);
        try (Tensor r = TestData.uniform(backend, DType.FLOAT64, y.shape(), 4242)) {
            Tensor dx = layer.backward(r);
            DoubleSupplier loss = () -> backend.dot(layer.forward(x, training), r);
            if (dx != null) {
                GradientCheck.check(layer.name() + " dx", x, dx, loss);
            }
            for (Parameter p : layer.parameters()) {
                GradientCheck.check(p.name(), p.value(), p.gradient(), loss);
            }
        }
    }
}
