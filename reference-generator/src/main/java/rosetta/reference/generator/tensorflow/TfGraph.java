package rosetta.reference.generator.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One TensorFlow graph and its session, on the CPU with one intra-op and one inter-op thread so every
 * reduction runs in the same order and a regenerated fixture is byte-identical. The raw ops are the
 * kernels the Python API calls (tf.nn.conv2d is Conv2D, tf.train.MomentumOptimizer is ApplyMomentum).
 */
final class TfGraph implements AutoCloseable {
    static final String FRAMEWORK = "tensorflow";

    private final Graph graph = new Graph();
    private final Session session;
    final Ops tf = Ops.create(graph);

    TfGraph() {
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(1)
                .setInterOpParallelismThreads(1)
                .build();
        session = new Session(graph, config);
    }

    static String version() {
        return "TensorFlow " + TensorFlow.version() + " (TensorFlow Java, CPU)";
    }

    Operand<TFloat32> constant(float[] values, int... shape) {
        return tf.constant(Shape.of(toLong(shape)), DataBuffers.of(values));
    }

    Operand<TInt32> ints(int... values) {
        return tf.constant(Shape.of(values.length), DataBuffers.of(values));
    }

    Operand<TFloat32> scalar(float value) {
        return tf.constant(value);
    }

    /** Runs the targets in order, each in its own session step (optimiser updates that must not race). */
    void run(Op... targets) {
        for (Op target : targets) {
            session.run(target);
        }
    }

    /** Evaluates the operands in one session step and returns their values, flattened row-major. */
    @SafeVarargs
    final float[][] fetch(Operand<TFloat32>... operands) {
        Session.Runner runner = session.runner();
        for (Operand<TFloat32> o : operands) {
            runner.fetch(o);
        }
        List<float[]> out = new ArrayList<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < operands.length; i++) {
                TFloat32 t = (TFloat32) result.get(i);
                FloatDataBuffer buffer = DataBuffers.ofFloats(t.size());
                t.copyTo(buffer);
                float[] values = new float[(int) t.size()];
                buffer.read(values);
                out.add(values);
            }
        }
        return out.toArray(new float[0][]);
    }

    static long[] toLong(int... v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return l;
    }

    static List<Long> longs(long... v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) {
            l.add(x);
        }
        return l;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
