package rosetta.layers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * Layers run one after another; backward runs them in reverse. Switching the input gradient off reaches
 * the first layer only (Caffe2's {@code no_gradient_to_input} on the first convolution): every later
 * layer must still pass its gradient down.
 */
public final class Sequential implements Layer {
    private final String name;
    private final List<Layer> layers;
    private final List<Parameter> parameters;

    /** Takes ownership of {@code layers}, whose names must be unique: a name picks a layer's random stream. */
    public Sequential(String name, List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(name + " has no layers");
        }
        Set<String> names = new HashSet<>();
        for (Layer layer : layers) {
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException(name + " has two layers named " + layer.name()
                        + "; give each a unique name (it seeds the layer's random numbers)");
            }
        }
        this.name = name;
        this.layers = List.copyOf(layers);
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        this.parameters = List.copyOf(all);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape s = input;
        for (Layer layer : layers) {
            s = layer.outputShape(s);
        }
        return s;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor t = x;
        // by index: a training step allocates nothing, not even an iterator
        for (int i = 0; i < layers.size(); i++) {
            t = layers.get(i).forward(t, training);
        }
        return t;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (g == null) {
                // only a leading run of layers may skip their input gradient (see computeInputGradient);
                // what lies before the layer that stopped has no parameters to update
                if (!layers.get(i).parameters().isEmpty()) {
                    throw new IllegalStateException(name + ": " + layers.get(i + 1).name() + " computed no input"
                            + " gradient, but " + layers.get(i).name() + " before it has parameters to train");
                }
                continue;
            }
            g = layers.get(i).backward(g);
        }
        return g;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Switches the input gradient for the leading layers up to and including the first one with
     * parameters: a parameter-free layer in front (e.g. a layout transpose) needs no gradient either.
     */
    @Override
    public void computeInputGradient(boolean on) {
        for (Layer layer : layers) {
            layer.computeInputGradient(on);
            if (!layer.parameters().isEmpty()) {
                break;
            }
        }
    }

    @Override
    public List<RngStream> randomStreams() {
        List<RngStream> out = new ArrayList<>();
        for (Layer layer : layers) {
            out.addAll(layer.randomStreams());
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        Buffers.close(layers.toArray(new AutoCloseable[0]));
    }
}
