package rosetta.tensor.cpu;

import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.ActivationOps;

final class CpuActivation implements ActivationOps {

    @Override
    public void forward(Activation kind, Tensor xt, Tensor yt) {
        Checks.sameSize(xt, yt);
        Elements x = Elements.of(xt);
        Elements y = Elements.of(yt);
        for (int i = 0; i < x.length; i++) {
            double v = x.get(i);
            y.set(i, switch (kind) {
                case RELU -> v > 0 || Double.isNaN(v) ? v : 0;
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case TANH -> Math.tanh(v);
            });
        }
    }

    @Override
    public void backward(Activation kind, Tensor yt, Tensor dyt, Tensor dxt) {
        Checks.sameSize(yt, dyt);
        Checks.sameSize(yt, dxt);
        Elements y = Elements.of(yt);
        Elements dy = Elements.of(dyt);
        Elements dx = Elements.of(dxt);
        for (int i = 0; i < y.length; i++) {
            double out = y.get(i);
            double slope = switch (kind) {
                case RELU -> out > 0 ? 1 : 0;
                case SIGMOID -> out * (1 - out);
                case TANH -> 1 - out * out;
            };
            dx.set(i, dy.get(i) * slope);
        }
    }
}
