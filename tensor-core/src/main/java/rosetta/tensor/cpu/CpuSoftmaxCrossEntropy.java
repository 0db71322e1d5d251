package rosetta.tensor.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.Reduction;
import rosetta.tensor.ops.SoftmaxCrossEntropyOps;

/**
 * Softmax cross-entropy in double precision whatever the tensors' floating type. One loop serves FLOAT32
 * training and FLOAT64 gradient checks: each tensor is read through a {@link Slot}, rebound per call, so a
 * call allocates nothing.
 */
final class CpuSoftmaxCrossEntropy implements SoftmaxCrossEntropyOps {
    private static final Shape SCALAR = Shape.of(1);

    private final Slot z = new Slot();
    private final Slot p = new Slot();
    private final Slot y = new Slot();
    private final Slot out = new Slot();
    private IntBuffer sparse;
    private int sparseOff;

    @Override
    public void forward(LossSpec spec, Tensor logits, Tensor labels, Tensor probabilities, Tensor loss) {
        Checks.rank(logits, 2, "logits");
        Checks.sameShape(logits, probabilities);
        Checks.shapeIs(loss, SCALAR, "loss");
        int n = logits.shape().dim(0);
        int classes = logits.shape().dim(1);
        bindLabels(labels, n, classes);
        z.bind(logits);
        p.bind(probabilities);
        double total = 0;
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z.get(row + c));
            }
            double sumExp = 0;
            for (int c = 0; c < classes; c++) {
                sumExp += Math.exp(z.get(row + c) - max);
            }
            double logSum = Math.log(sumExp);
            for (int c = 0; c < classes; c++) {
                double logP = z.get(row + c) - max - logSum;
                p.set(row + c, Math.exp(logP));
                double target = target(i, c, classes);
                if (target != 0) {
                    total -= target * (spec.probabilityClip() > 0 ? Math.log(clip(Math.exp(logP), spec)) : logP);
                }
            }
        }
        out.bind(loss);
        out.set(0, spec.reduction() == Reduction.MEAN ? total / n : total);
        unbind();
    }

    @Override
    public void backward(LossSpec spec, Tensor probabilities, Tensor labels, Tensor dLogits) {
        Checks.sameShape(probabilities, dLogits);
        int n = probabilities.shape().dim(0);
        int classes = probabilities.shape().dim(1);
        bindLabels(labels, n, classes);
        p.bind(probabilities);
        z.bind(dLogits);
        double scale = spec.reduction() == Reduction.MEAN ? 1.0 / n : 1.0;
        double clip = spec.probabilityClip();
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            // With clipping, a label whose probability was clipped passes no gradient (Keras's
            // clip_by_value); the softmax Jacobian then gives dz_k = -y_k [k unclipped] + p_k sum(unclipped y).
            double unclippedMass = 0;
            for (int c = 0; c < classes; c++) {
                if (clip == 0 || inside(p.get(row + c), clip)) {
                    unclippedMass += target(i, c, classes);
                }
            }
            for (int c = 0; c < classes; c++) {
                double pk = p.get(row + c);
                double own = clip == 0 || inside(pk, clip) ? target(i, c, classes) : 0;
                z.set(row + c, scale * (pk * unclippedMass - own));
            }
        }
        unbind();
    }

    private static double clip(double p, LossSpec spec) {
        double eps = spec.probabilityClip();
        return Math.min(Math.max(p, eps), 1 - eps);
    }

    private static boolean inside(double p, double eps) {
        return p >= eps && p <= 1 - eps;
    }

    /** Labels as class indices (INT32 [N], checked to be in range) or a floating [N, C] distribution. */
    private void bindLabels(Tensor labels, int n, int classes) {
        if (labels.dtype() == DType.INT32) {
            if (labels.shape().rank() != 1 || labels.shape().dim(0) != n) {
                throw new IllegalArgumentException("sparse labels have shape " + labels.shape() + ", expected [" + n + "]");
            }
            sparse = CpuStorage.ints(labels);
            sparseOff = (int) labels.offset();
            for (int i = 0; i < n; i++) {
                int label = sparse.get(sparseOff + i);
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException("label " + label + " at row " + i
                            + " is outside the " + classes + " classes");
                }
            }
            return;
        }
        if (labels.shape().rank() != 2 || labels.shape().dim(0) != n || labels.shape().dim(1) != classes) {
            throw new IllegalArgumentException("one-hot labels have shape " + labels.shape() + ", expected [" + n
                    + ", " + classes + "]");
        }
        sparse = null;
        y.bind(labels);
    }

    /** The target probability of class c in row i. */
    private double target(int i, int c, int classes) {
        return sparse != null ? (sparse.get(sparseOff + i) == c ? 1 : 0) : y.get(i * classes + c);
    }

    private void unbind() {
        z.clear();
        p.clear();
        y.clear();
        out.clear();
        sparse = null;
    }

    /** A floating tensor's elements read and written as doubles. */
    private static final class Slot {
        private FloatBuffer floats;
        private DoubleBuffer doubles;
        private int offset;

        void bind(Tensor t) {
            floats = t.dtype() == DType.FLOAT32 ? CpuStorage.floats(t) : null;
            doubles = t.dtype() == DType.FLOAT32 ? null : CpuStorage.doubles(t);
            offset = (int) t.offset();
        }

        double get(int i) {
            return floats != null ? floats.get(offset + i) : doubles.get(offset + i);
        }

        void set(int i, double v) {
            if (floats != null) {
                floats.put(offset + i, (float) v);
            } else {
                doubles.put(offset + i, v);
            }
        }

        void clear() {
            floats = null;
            doubles = null;
        }
    }
}
