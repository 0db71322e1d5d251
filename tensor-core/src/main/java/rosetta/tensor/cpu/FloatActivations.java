package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.ops.Activation;

/**
 * Allocation-free FLOAT32 loops for activations and the bias-then-activation epilogue of a convolution.
 * They evaluate the reference definitions of {@link CpuActivation}: ReLU keeps NaN (as max(v, 0) does),
 * sigmoid and tanh are computed in double and rounded once.
 */
final class FloatActivations {
    private FloatActivations() {
    }

    /** y[i] = f(x[i] + add) for n elements; {@code kind} null is the identity. */
    static void forward(Activation kind, float add, FloatBuffer x, int xOff, FloatBuffer y, int yOff, int n) {
        if (kind == null) {
            for (int i = 0; i < n; i++) {
                y.put(yOff + i, x.get(xOff + i) + add);
            }
            return;
        }
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y.put(yOff + i, Math.max(x.get(xOff + i) + add, 0f));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y.put(yOff + i, (float) (1 / (1 + Math.exp(-(double) (x.get(xOff + i) + add)))));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y.put(yOff + i, (float) Math.tanh(x.get(xOff + i) + add));
                }
            }
        }
    }

    /** a[off + i] = f(a[off + i] + add) for n elements of a heap array (a loop the JIT vectorises for ReLU). */
    static void inPlace(Activation kind, float add, float[] a, int off, int n) {
        if (kind == null) {
            for (int i = 0; i < n; i++) {
                a[off + i] += add;
            }
            return;
        }
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[off + i] = Math.max(a[off + i] + add, 0f);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a[off + i] = (float) (1 / (1 + Math.exp(-(double) (a[off + i] + add))));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a[off + i] = (float) Math.tanh(a[off + i] + add);
                }
            }
        }
    }

    /** y[i] = f(y[i] + bias[i]) for n elements (a pixel's channels in NHWC); {@code kind} null is the identity. */
    static void forwardVectorBias(Activation kind, FloatBuffer bias, int biasOff, FloatBuffer y, int yOff, int n) {
        if (kind == Activation.RELU) {
            for (int i = 0; i < n; i++) {
                y.put(yOff + i, Math.max(y.get(yOff + i) + bias.get(biasOff + i), 0f));
            }
        } else {
            for (int i = 0; i < n; i++) {
                float b = bias.get(biasOff + i);
                forward(kind, b, y, yOff + i, y, yOff + i, 1);
            }
        }
    }

    /** dx[i] = dy[i] f'(y[i]), the derivative written in terms of the forward output y. */
    static void backward(Activation kind, FloatBuffer y, int yOff, FloatBuffer dy, int dyOff,
            FloatBuffer dx, int dxOff, int n) {
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dx.put(dxOff + i, y.get(yOff + i) > 0 ? dy.get(dyOff + i) : 0f);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double out = y.get(yOff + i);
                    dx.put(dxOff + i, (float) (dy.get(dyOff + i) * (out * (1 - out))));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double out = y.get(yOff + i);
                    dx.put(dxOff + i, (float) (dy.get(dyOff + i) * (1 - out * out)));
                }
            }
        }
    }
}
