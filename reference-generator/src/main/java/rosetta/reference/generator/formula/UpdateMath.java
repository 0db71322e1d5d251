package rosetta.reference.generator.formula;

/**
 * The optimiser updates the frameworks that cannot run here implement, in double, per element.
 * {@code g} is the gradient as the update sees it (already scaled by the framework's rescale or
 * per-sample rate); {@code v} (and {@code m}) the state, updated in place.
 */
final class UpdateMath {
    private UpdateMath() {
    }

    /** Keras SGD, Lasagne momentum, Chainer MomentumSGD, MXNet sgd_mom_update: v = m v - lr g; w += v. */
    static void lrInside(double[] w, double[] g, double[] v, double lr, double m) {
        for (int i = 0; i < w.length; i++) {
            v[i] = m * v[i] - lr * g[i];
            w[i] += v[i];
        }
    }

    /** CNTK momentum_sgd (Matrix.cpp MomentumSGDUpdate): v = m v + u lr g; w -= v, u = 1 - m with unit gain, else 1. */
    static void cntk(double[] w, double[] g, double[] v, double lr, double m, boolean unitGain) {
        double u = unitGain ? 1 - m : 1;
        for (int i = 0; i < w.length; i++) {
            v[i] = m * v[i] + u * lr * g[i];
            w[i] -= v[i];
        }
    }

    /** Caffe2 momentum_sgd_update with nesterov=1: v' = m v + lr g; w -= (1 + m) v' - m v. */
    static void caffe2Nesterov(double[] w, double[] g, double[] v, double lr, double m) {
        for (int i = 0; i < w.length; i++) {
            double old = v[i];
            v[i] = m * old + lr * g[i];
            w[i] -= (1 + m) * v[i] - m * old;
        }
    }

    /**
     * TensorFlow's ApplyAdam form, which PyTorch 0.x's optim.Adam also has (torch/optim/adam.py @v0.3.1:
     * step_size = lr sqrt(1 - beta2^t) / (1 - beta1^t), denom = sqrt(v) + eps): m = beta1 m + (1 - beta1) g,
     * v = beta2 v + (1 - beta2) g^2, w -= step_size m / (sqrt(v) + eps).
     */
    static void adamCorrectedStepSize(double[] w, double[] g, double[] m, double[] v, double lr, double beta1,
            double beta2, double eps, int t) {
        double rate = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= rate * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }

    /**
     * CNTK adam with unit_gain=False: the first moment without (1 - beta1), m = beta1 m + g; then the
     * TensorFlow form v = beta2 v + (1 - beta2) g^2, w -= lr sqrt(1 - beta2^t) / (1 - beta1^t) m / (sqrt(v) + eps).
     */
    static void adamUndamped(double[] w, double[] g, double[] m, double[] v, double lr, double beta1, double beta2,
            double eps, int t) {
        double rate = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= rate * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }
}
