package rosetta.layers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/**
 * Layers run one after another; backward runs them in reverse. Switching the input gradient off reaches
 * the first layer only (Caffe2's {@code no_gradient_to_input} on the first convolution): every later
 * layer must still pass its gradient down.
 */
public final class Sequential implements Layer {
    private final String name;
    private final List<Layer> layers;

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
        for (Layer layer : layers) {
            t = layer.forward(t, training);
        }
        return t;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (g == null) {
                throw new IllegalStateException(name + ": " + layers.get(i + 1).name() + " computed no input"
                        + " gradient, but only the first layer may skip it");
            }
            g = layers.get(i).backward(g);
        }
        return g;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Layer layer : layers) {
            out.addAll(layer.parameters());
        }
        return List.copyOf(out);
    }

    @Override
    public void computeInputGradient(boolean on) {
        layers.get(0).computeInputGradient(on);
    }

    @Override
    public void close() {
        Buffers.close(layers.toArray(new AutoCloseable[0]));
    }
}
