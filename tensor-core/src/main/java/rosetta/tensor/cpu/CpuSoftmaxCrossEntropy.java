package rosetta.tensor.cpu;

import java.nio.IntBuffer;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LossSpec;
import rosetta.tensor.ops.Reduction;
import rosetta.tensor.ops.SoftmaxCrossEntropyOps;

final class CpuSoftmaxCrossEntropy implements SoftmaxCrossEntropyOps {

    @Override
    public void forward(LossSpec spec, Tensor logitst, Tensor labels, Tensor probst, Tensor losst) {
        Checks.rank(logitst, 2, "logits");
        Checks.sameShape(logitst, probst);
        Checks.shapeIs(losst, Shape.of(1), "loss");
        int n = logitst.shape().dim(0);
        int classes = logitst.shape().dim(1);
        Target target = Target.of(labels, n, classes);
        Elements z = Elements.of(logitst);
        Elements p = Elements.of(probst);
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
                double y = target.get(i, c);
                if (y != 0) {
                    total -= y * (spec.probabilityClip() > 0 ? Math.log(clip(Math.exp(logP), spec)) : logP);
                }
            }
        }
        Elements.of(losst).set(0, spec.reduction() == Reduction.MEAN ? total / n : total);
    }

    @Override
    public void backward(LossSpec spec, Tensor probst, Tensor labels, Tensor dzt) {
        Checks.sameShape(probst, dzt);
        int n = probst.shape().dim(0);
        int classes = probst.shape().dim(1);
        Target target = Target.of(labels, n, classes);
        Elements p = Elements.of(probst);
        Elements dz = Elements.of(dzt);
        double scale = spec.reduction() == Reduction.MEAN ? 1.0 / n : 1.0;
        double clip = spec.probabilityClip();
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            // With clipping, a label whose probability was clipped passes no gradient (Keras's
            // clip_by_value); the softmax Jacobian then gives dz_k = -y_k [k unclipped] + p_k sum(unclipped y).
            double unclippedMass = 0;
            for (int c = 0; c < classes; c++) {
                if (clip == 0 || inside(p.get(row + c), clip)) {
                    unclippedMass += target.get(i, c);
                }
            }
            for (int c = 0; c < classes; c++) {
                double pk = p.get(row + c);
                double own = clip == 0 || inside(pk, clip) ? target.get(i, c) : 0;
                dz.set(row + c, scale * (pk * unclippedMass - own));
            }
        }
    }

    private static double clip(double p, LossSpec spec) {
        double eps = spec.probabilityClip();
        return Math.min(Math.max(p, eps), 1 - eps);
    }

    private static boolean inside(double p, double eps) {
        return p >= eps && p <= 1 - eps;
    }

    /** Labels as a dense target distribution, whichever way they are encoded. */
    private interface Target {
        double get(int row, int c);

        static Target of(Tensor labels, int n, int classes) {
            if (labels.dtype() == DType.INT32) {
                Checks.shapeIs(labels, Shape.of(n), "sparse labels");
                IntBuffer ints = CpuStorage.ints(labels);
                int off = (int) labels.offset();
                for (int i = 0; i < n; i++) {
                    int label = ints.get(off + i);
                    if (label < 0 || label >= classes) {
                        throw new IllegalArgumentException("label " + label + " at row " + i
                                + " is outside the " + classes + " classes");
                    }
                }
                return (row, c) -> ints.get(off + row) == c ? 1 : 0;
            }
            Checks.shapeIs(labels, Shape.of(n, classes), "one-hot labels");
            Elements y = Elements.of(labels);
            return (row, c) -> y.get(row * classes + c);
        }
    }
}
