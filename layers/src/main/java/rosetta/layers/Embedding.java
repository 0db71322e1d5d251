package rosetta.layers;

import java.util.List;
import rosetta.layers.init.Fans;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * A lookup table from token ids [N, T] (INT32) to vectors [N, T, E]. Its one parameter {@code weight}
 * [V, E] takes fan_in = V and fan_out = E, as CNTK's {@code layers.Embedding} glorot default and a TF
 * {@code get_variable([vocab, dim])} under the default glorot initialiser compute them. Token ids have
 * no gradient, so backward returns null.
 */
public final class Embedding implements Layer {
    private final Backend backend;
    private final DType dtype;
    private final EmbeddingConfig config;
    private final Parameter weight;
    private final List<Parameter> parameters;
    private Tensor ids;
    /** The ids' shape out was made for. */
    private Shape idsShape;
    private Tensor out;

    public Embedding(Backend backend, DType dtype, EmbeddingConfig config, RngStream rng) {
        this.backend = backend;
        this.dtype = dtype;
        this.config = config;
        int v = config.vocabulary();
        int e = config.dimension();
        double[] values = new double[v * e];
        InitialValues.fill(values, 0, config.init(), new Fans(v, e, v, e), rng.split("weight"));
        this.weight = new Parameter("weight", ParamRole.EMBEDDING,
                InitialValues.upload(backend, dtype, Shape.of(v, e), values), config.init().spec());
        this.parameters = List.of(weight);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException(config.name() + " expects token ids [N, T], got " + input);
        }
        return Shape.of(input.dim(0), input.dim(1), config.dimension());
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.dtype() != DType.INT32) {
            throw new IllegalArgumentException(config.name() + " expects INT32 token ids, got " + x.dtype());
        }
        if (!x.shape().equals(idsShape)) {
            out = Buffers.reuse(out, backend, dtype, outputShape(x.shape()));
            idsShape = x.shape();
        }
        backend.ops().embedding().forward(x, weight.value(), out);
        ids = x;
        return out;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (ids == null) {
            throw new IllegalStateException(config.name() + ": backward needs a forward pass first");
        }
        backend.ops().embedding().backward(ids, dy, weight.gradient());
        return null;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Token ids have no gradient whatever the setting. */
    @Override
    public void computeInputGradient(boolean on) {
    }

    @Override
    public void close() {
        Buffers.close(weight, out);
        out = null;
        idsShape = null;
    }
}
