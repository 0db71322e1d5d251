package rosetta.layers;

import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/** The one-line messages a layer gives for an input it cannot take. */
final class InputCheck {
    private InputCheck() {
    }

    /** Fails with "conv1 expects [N, 3, H, W] (NCHW), got [64, 32, 32, 3]" unless {@code ok}. */
    static void shape(boolean ok, String layer, String expected, Shape input) {
        if (!ok) {
            throw new IllegalArgumentException(layer + " expects " + expected + ", got " + input);
        }
    }

    /** A layer with parameters computes in their type: the backend's ops take tensors of one type. */
    static void dtype(String layer, DType expected, Tensor x) {
        if (x.dtype() != expected) {
            throw new IllegalArgumentException(layer + " holds " + expected + " parameters, got a " + x.dtype()
                    + " input; convert the input or build the layer with " + x.dtype());
        }
    }

    /** dL/dy must have the shape of the output the last forward returned. */
    static void gradient(String layer, Tensor output, Tensor dy) {
        if (output == null) {
            throw new IllegalStateException(layer + ": backward called before forward");
        }
        if (!dy.shape().equals(output.shape())) {
            throw new IllegalArgumentException(layer + " backward expects dL/dy of the output's shape "
                    + output.shape() + ", got " + dy.shape());
        }
    }

    static void floating(String layer, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(layer + " expects a floating input, got " + x.dtype());
        }
    }
}
