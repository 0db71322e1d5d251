package rosetta.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import rosetta.tensor.Tensor;

/**
 * A trainable tensor, its gradient (overwritten by each backward pass) and the optimiser's state for it
 * (velocity, moments), all on the same backend.
 */
public final class Parameter implements AutoCloseable {
    private final String name;
    private final ParamRole role;
    private final Tensor value;
    private final Tensor gradient;
    private final String initializer;
    private final Map<String, Tensor> state = new LinkedHashMap<>();

    /** Takes ownership of {@code value}; {@code initializer} describes how it was filled. */
    public Parameter(String name, ParamRole role, Tensor value, String initializer) {
        this.name = name;
        this.role = role;
        this.value = value;
        this.gradient = value.backend().allocate(value.dtype(), value.shape());
        this.initializer = initializer;
    }

    public String name() {
        return name;
    }

    public ParamRole role() {
        return role;
    }

    public Tensor value() {
        return value;
    }

    public Tensor gradient() {
        return gradient;
    }

    /** How the value was initialised, e.g. {@code glorot-uniform}. */
    public String initializer() {
        return initializer;
    }

    /** Optimiser state named {@code key}, zero-filled the first time it is asked for. */
    public Tensor state(String key) {
        Tensor t = state.get(key);
        if (t == null) {
            t = value.backend().allocate(value.dtype(), value.shape());
            state.put(key, t);
        }
        return t;
    }

    /** The optimiser state created so far, by name (checkpoints save it). */
    public Map<String, Tensor> states() {
        return Map.copyOf(state);
    }

    @Override
    public void close() {
        value.close();
        gradient.close();
        state.values().forEach(Tensor::close);
        state.clear();
    }

    @Override
    public String toString() {
        return name + value.shape();
    }
}
