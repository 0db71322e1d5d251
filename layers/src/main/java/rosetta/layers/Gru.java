package rosetta.layers;

import java.util.List;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.FusedOps;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.random.RngStream;

/**
 * A single-layer, unidirectional GRU over whole sequences x [N, T, I] (batch first, as the benchmark feeds
 * its (N, 150) reviews), run by the backend's fused {@code GruOps}. It returns every step's state
 * [N, T, H] or only the last [N, H] (the benchmark's {@code x[:, -1, :]}, Keras's default). The initial
 * state is zeros, or with {@code trainableInitialState} a learnt {@code h0} [H] broadcast over the batch
 * rows: the TF notebook's variable was (1, 64, 100), one state per batch row, while this engine learns one
 * state that every row shares, so it also serves a last batch of another size.
 */
public final class Gru implements Layer {
    private final Backend backend;
    private final DType dtype;
    private final GruConfig config;
    private final GruParameters params;
    private boolean inputGradient = true;
    private Buffers buffers;
    private Tensor input;

    public Gru(Backend backend, DType dtype, GruConfig config, RngStream rng) {
        this.backend = backend;
        this.dtype = dtype;
        this.config = config;
        this.params = new GruParameters(backend, dtype, config, rng);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3 || input.dim(2) != config.inputSize()) {
            throw new IllegalArgumentException(config.name() + " expects [N, T, " + config.inputSize()
                    + "] (batch, time, features), got " + input);
        }
        return config.returnSequences()
                ? Shape.of(input.dim(0), input.dim(1), config.hiddenSize())
                : Shape.of(input.dim(0), config.hiddenSize());
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Buffers b = buffersFor(x.shape());
        FusedOps ops = backend.ops();
        if (params.initialState != null) {
            backend.fill(b.h0, 0);
            ops.bias().forward(params.initialState.value(), b.h0, 1);
        }
        ops.gru().forward(b.plan, x, b.h0, params.weightIh.value(), params.weightHh.value(), params.biasIh.value(),
                value(params.biasHh), b.y);
        input = x;
        if (config.returnSequences()) {
            return b.y;
        }
        for (int n = 0; n < b.plan.batch(); n++) {
            backend.copy(b.yLastSteps[n], b.lastRows[n]);
        }
        return b.last;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (input == null) {
            throw new IllegalStateException(config.name() + ": backward needs a forward pass first");
        }
        Buffers b = buffers;
        Shape output = config.returnSequences() ? b.y.shape() : b.last.shape();
        if (!dy.shape().equals(output)) {
            throw new IllegalArgumentException(config.name() + " output gradient has shape " + dy.shape()
                    + ", expected " + output);
        }
        Tensor dySequence = dy;
        if (!config.returnSequences()) {
            // dy arrives in whichever tensor the next layer returns: copy it whole into ours, whose row views
            // are made once, then row by row into the last steps (the other steps stay zero)
            backend.copy(dy, b.dyLast);
            for (int n = 0; n < b.plan.batch(); n++) {
                backend.copy(b.dyLastRows[n], b.dyLastSteps[n]);
            }
            dySequence = b.dySequence;
        }
        FusedOps ops = backend.ops();
        ops.gru().backward(b.plan, input, b.h0, params.weightIh.value(), params.weightHh.value(), b.y, dySequence,
                inputGradient ? b.dx : null, b.dh0, params.weightIh.gradient(), params.weightHh.gradient(),
                params.biasIh.gradient(), params.biasHh == null ? null : params.biasHh.gradient());
        if (params.initialState != null) {
            ops.bias().backward(b.dh0, params.initialState.gradient(), 1);
        }
        return inputGradient ? b.dx : null;
    }

    @Override
    public List<Parameter> parameters() {
        return params.all();
    }

    @Override
    public void computeInputGradient(boolean on) {
        inputGradient = on;
    }

    @Override
    public void close() {
        params.all().forEach(Parameter::close);
        if (buffers != null) {
            buffers.close();
        }
    }

    private static Tensor value(Parameter p) {
        return p == null ? null : p.value();
    }

    /**
     * The plan and tensors for one input shape, reused until the shape changes (e.g. a last partial batch).
     * A new shape is checked first: a wrong one is refused with the expected one.
     */
    private Buffers buffersFor(Shape x) {
        if (buffers == null || !buffers.inputShape.equals(x)) {
            outputShape(x);
            if (buffers != null) {
                buffers.close();
            }
            buffers = new Buffers(x);
        }
        return buffers;
    }

    private final class Buffers implements AutoCloseable {
        final Shape inputShape;
        final GruPlan plan;
        final Tensor y;
        final Tensor dx;
        /**
         * Returning the last step only: its [N, H] output and output gradient and dL/dy of every step
         * [N, T, H], zero but for the last step, with views of the row of each batch element in them;
         * else all null.
         */
        final Tensor last;
        final Tensor dyLast;
        final Tensor dySequence;
        final Tensor[] yLastSteps;
        final Tensor[] lastRows;
        final Tensor[] dyLastRows;
        final Tensor[] dyLastSteps;
        /** The learnt state broadcast to [N, H] and its gradient, only when the state is learnt, else null. */
        final Tensor h0;
        final Tensor dh0;

        Buffers(Shape input) {
            this.inputShape = input;
            this.plan = backend.ops().gru().plan(config.spec(), input.dim(0), input.dim(1), dtype);
            this.y = backend.allocate(dtype, plan.outputShape());
            this.dx = backend.allocate(dtype, input);
            boolean lastOnly = !config.returnSequences();
            this.last = lastOnly ? backend.allocate(dtype, plan.stateShape()) : null;
            this.dyLast = lastOnly ? backend.allocate(dtype, plan.stateShape()) : null;
            this.dySequence = lastOnly ? backend.allocate(dtype, plan.outputShape()) : null;
            if (lastOnly) {
                backend.fill(dySequence, 0);
            }
            this.yLastSteps = lastOnly ? lastSteps(y) : null;
            this.lastRows = lastOnly ? rows(last) : null;
            this.dyLastRows = lastOnly ? rows(dyLast) : null;
            this.dyLastSteps = lastOnly ? lastSteps(dySequence) : null;
            boolean learnt = config.trainableInitialState();
            this.h0 = learnt ? backend.allocate(dtype, plan.stateShape()) : null;
            this.dh0 = learnt ? backend.allocate(dtype, plan.stateShape()) : null;
        }

        /** Each row's last step of a [N, T, H] sequence: contiguous [H] views. */
        private Tensor[] lastSteps(Tensor sequence) {
            int steps = plan.steps();
            Shape row = Shape.of(config.hiddenSize());
            Tensor[] views = new Tensor[plan.batch()];
            for (int n = 0; n < views.length; n++) {
                views[n] = sequence.view(((long) n * steps + steps - 1) * row.size(), row);
            }
            return views;
        }

        /** The rows of an [N, H] tensor. */
        private Tensor[] rows(Tensor state) {
            Tensor[] views = new Tensor[plan.batch()];
            for (int n = 0; n < views.length; n++) {
                views[n] = state.slice(n);
            }
            return views;
        }

        @Override
        public void close() {
            plan.close();
            for (Tensor t : new Tensor[] {y, dx, last, dyLast, dySequence, h0, dh0}) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }
}
