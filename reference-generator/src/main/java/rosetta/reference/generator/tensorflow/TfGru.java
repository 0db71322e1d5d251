package rosetta.reference.generator.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.op.nn.GRUBlockCell;
import org.tensorflow.op.nn.GRUBlockCellGrad;
import org.tensorflow.types.TFloat32;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Layouts;
import rosetta.reference.generator.Values;
import rosetta.reference.generator.cases.GruCase;

/**
 * TensorFlow's GRUBlockCell (tensorflow/core/kernels/rnn/gru_ops.cc; the cell behind
 * tf.contrib.rnn.GRUBlockCell, same maths as rnn_cell_impl.GRUCell): [r, u] = sigmoid([x, h] W_ru + b_ru),
 * c = tanh([x, r * h] W_c + b_c), h' = u * h + (1 - u) * c: the reset gate before the matmul, one
 * bias set, gates r, u(=z), c. The sequence unrolls the cell; the backward pass chains
 * GRUBlockCellGrad through time and forms the weight gradients as its registered Python gradient does
 * (_GRUBlockCellGrad in tensorflow/contrib/rnn/python/ops/gru_ops.py @v1.4.0: d_w_ru = [x, h]^T d_r_bar_u_bar, d_w_c = [x, r h]^T d_c_bar, biases by
 * BiasAddGrad). TensorFlow's W_ru [I+H, 2H] and W_c [I+H, H] are written as this engine's weight_ih
 * [3H, I], weight_hh [3H, H] and bias_ih [3H] (gate order r, z, n).
 */
final class TfGru {
    private TfGru() {
    }

    static void write(Consumer<Fixture> out) {
        for (GruCase c : GruCase.all()) {
            out.accept(run(c));
        }
    }

    private static Fixture run(GruCase c) {
        int n = GruCase.N;
        int h = GruCase.H;
        int in = GruCase.I;
        int steps = c.steps();
        Values v = c.values(TfGraph.FRAMEWORK);
        float[] x = v.uniform(n * steps * in);
        float[] h0 = v.uniform(n * h);
        float[] wih = v.uniform(3 * h * in, 0.5f);
        float[] whh = v.uniform(3 * h * h, 0.5f);
        float[] bih = v.uniform(3 * h, 0.5f);
        float[] dy = v.uniform(n * steps * h);

        // W_ru = [input rows; hidden rows] of the r and z blocks, transposed; W_c likewise for n.
        float[] wru = Layouts.concat(Layouts.transpose(Layouts.rows(wih, in, 0, 2 * h), 2 * h, in),
                Layouts.transpose(Layouts.rows(whh, h, 0, 2 * h), 2 * h, h));
        float[] wc = Layouts.concat(Layouts.transpose(Layouts.rows(wih, in, 2 * h, h), h, in),
                Layouts.transpose(Layouts.rows(whh, h, 2 * h, h), h, h));

        float[][] r;
        try (TfGraph g = new TfGraph()) {
            Operand<TFloat32> tWru = g.constant(wru, in + h, 2 * h);
            Operand<TFloat32> tWc = g.constant(wc, in + h, h);
            Operand<TFloat32> tBru = g.constant(Layouts.rows(bih, 1, 0, 2 * h), 2 * h);
            Operand<TFloat32> tBc = g.constant(Layouts.rows(bih, 1, 2 * h, h), h);
            List<Operand<TFloat32>> xs = new ArrayList<>();
            List<Operand<TFloat32>> hs = new ArrayList<>();
            List<GRUBlockCell<TFloat32>> cells = new ArrayList<>();
            hs.add(g.constant(h0, n, h));
            for (int t = 0; t < steps; t++) {
                xs.add(g.constant(step(x, t, steps, in), n, in));
                GRUBlockCell<TFloat32> cell = g.tf.nn.gRUBlockCell(xs.get(t), hs.get(t), tWru, tWc, tBru, tBc);
                cells.add(cell);
                hs.add(cell.h());
            }
            Operand<TFloat32> carry = null;
            Operand<TFloat32> dWru = null;
            Operand<TFloat32> dWc = null;
            Operand<TFloat32> dBru = null;
            Operand<TFloat32> dBc = null;
            Operand<TFloat32>[] dxs = newArray(steps);
            for (int t = steps - 1; t >= 0; t--) {
                Operand<TFloat32> dh = g.constant(step(dy, t, steps, h), n, h);
                if (carry != null) {
                    dh = g.tf.math.add(dh, carry);
                }
                GRUBlockCell<TFloat32> cell = cells.get(t);
                GRUBlockCellGrad<TFloat32> grad = g.tf.nn.gRUBlockCellGrad(xs.get(t), hs.get(t), tWru, tWc, tBru,
                        tBc, cell.r(), cell.u(), cell.c(), dh);
                dxs[t] = grad.dX();
                carry = grad.dHPrev();
                Operand<TFloat32> xh = g.tf.concat(List.of(xs.get(t), hs.get(t)), g.tf.constant(1));
                Operand<TFloat32> xrh = g.tf.concat(List.of(xs.get(t), g.tf.math.mul(hs.get(t), cell.r())),
                        g.tf.constant(1));
                Operand<TFloat32> stepWru = g.tf.linalg.matMul(xh, grad.dRBarUBar(),
                        org.tensorflow.op.linalg.MatMul.transposeA(true));
                Operand<TFloat32> stepWc = g.tf.linalg.matMul(xrh, grad.dCBar(),
                        org.tensorflow.op.linalg.MatMul.transposeA(true));
                Operand<TFloat32> stepBru = g.tf.nn.biasAddGrad(grad.dRBarUBar());
                Operand<TFloat32> stepBc = g.tf.nn.biasAddGrad(grad.dCBar());
                dWru = dWru == null ? stepWru : g.tf.math.add(dWru, stepWru);
                dWc = dWc == null ? stepWc : g.tf.math.add(dWc, stepWc);
                dBru = dBru == null ? stepBru : g.tf.math.add(dBru, stepBru);
                dBc = dBc == null ? stepBc : g.tf.math.add(dBc, stepBc);
            }
            List<Operand<TFloat32>> fetches = new ArrayList<>(hs.subList(1, steps + 1));
            fetches.addAll(List.of(dxs));
            fetches.addAll(List.of(carry, dWru, dWc, dBru, dBc));
            @SuppressWarnings("unchecked")
            Operand<TFloat32>[] all = fetches.toArray(new Operand[0]);
            r = g.fetch(all);
        }
        float[] y = batchFirst(r, 0, steps, n, h);
        float[] dx = batchFirst(r, steps, steps, n, in);
        float[] dWru = r[2 * steps + 1];
        float[] dWc = r[2 * steps + 2];
        // Back from TensorFlow's [I+H, 2H] and [I+H, H] to the engine's [3H, I] and [3H, H].
        float[] dWruT = Layouts.transpose(dWru, in + h, 2 * h);
        float[] dWcT = Layouts.transpose(dWc, in + h, h);
        float[] dwih = new float[3 * h * in];
        float[] dwhh = new float[3 * h * h];
        for (int row = 0; row < 3 * h; row++) {
            float[] src = row < 2 * h ? dWruT : dWcT;
            int srcRow = row < 2 * h ? row : row - 2 * h;
            System.arraycopy(src, srcRow * (in + h), dwih, row * in, in);
            System.arraycopy(src, srcRow * (in + h) + in, dwhh, row * h, h);
        }

        Fixture f = new Fixture(TfGraph.FRAMEWORK, TfGraph.version(), "gru", c.name(),
                "GRUBlockCell and GRUBlockCellGrad (tensorflow/core/kernels/rnn/gru_ops.cc), "
                        + "weight gradients as _GRUBlockCellGrad (tensorflow/contrib/rnn/python/ops/gru_ops.py @v1.4.0)");
        c.describe(f, "rzn", "before-matmul", 1, "old-state", "sigmoid").tolerance(1e-5, 1e-4);
        return f.array("x", c.inputShape(), x)
                .array("h0", GruCase.matrix(n, h), h0)
                .array("weight_ih", GruCase.matrix(3 * h, in), wih)
                .array("weight_hh", GruCase.matrix(3 * h, h), whh)
                .array("bias_ih", new int[] {3 * h}, bih)
                .array("dy", c.outputShape(), dy)
                .array("y", c.outputShape(), y)
                .array("dx", c.inputShape(), dx)
                .array("dh0", GruCase.matrix(n, h), r[2 * steps])
                .array("dweight_ih", GruCase.matrix(3 * h, in), dwih)
                .array("dweight_hh", GruCase.matrix(3 * h, h), dwhh)
                .array("dbias_ih", new int[] {3 * h}, Layouts.concat(r[2 * steps + 3], r[2 * steps + 4]));
    }

    /** Step t of a batch-first [N, T, width] array, as [N, width]. */
    private static float[] step(float[] seq, int t, int steps, int width) {
        int n = seq.length / (steps * width);
        float[] out = new float[n * width];
        for (int b = 0; b < n; b++) {
            System.arraycopy(seq, (b * steps + t) * width, out, b * width, width);
        }
        return out;
    }

    /** Per-step [N, width] results r[from .. from + steps) gathered into batch-first [N, T, width]. */
    private static float[] batchFirst(float[][] r, int from, int steps, int n, int width) {
        float[] out = new float[n * steps * width];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < n; b++) {
                System.arraycopy(r[from + t], b * width, out, (b * steps + t) * width, width);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32>[] newArray(int n) {
        return new Operand[n];
    }
}
