package rosetta.layers;

import java.util.List;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * One step of a model with an explicit backward pass. A layer owns its output and input-gradient
 * tensors (allocated on the first call for an input shape and reused), so the tensors it returns stay
 * valid only until its next call.
 */
public interface Layer extends AutoCloseable {
    /** Name shown in layer tables, e.g. {@code conv1}. */
    String name();

    /** The output shape for an input shape, without computing anything. */
    Shape outputShape(Shape input);

    /** Runs forward. {@code training} selects training behaviour (dropout). */
    Tensor forward(Tensor x, boolean training);

    /**
     * Given dL/dy for the last forward, overwrites every parameter's gradient and returns dL/dx, or null
     * when the input gradient is switched off.
     */
    Tensor backward(Tensor dy);

    /** Trainable parameters, in a stable order. */
    List<Parameter> parameters();

    /**
     * Whether {@link #backward} computes dL/dx. Off for a model's first layer under Caffe2's
     * {@code no_gradient_to_input}: nothing consumes that gradient, so computing it is wasted work.
     */
    void computeInputGradient(boolean on);

    /**
     * The random streams the layer draws from during training (dropout masks), so a checkpoint can
     * save their positions and a resumed run draws exactly what an uninterrupted one would.
     */
    default List<RngStream> randomStreams() {
        return List.of();
    }

    /** Frees the tensors the layer owns, parameters included. */
    @Override
    void close();
}
