package rosetta.tensor.cpu;

import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.BiasOps;

final class CpuBias implements BiasOps {

    @Override
    public void forward(Tensor biast, Tensor yt, int axis) {
        int[] split = split(yt.shape(), biast, axis);
        Elements bias = Elements.of(biast);
        Elements y = Elements.of(yt);
        int channels = split[1];
        int inner = split[2];
        for (int o = 0; o < split[0]; o++) {
            for (int c = 0; c < channels; c++) {
                double b = bias.get(c);
                int base = (o * channels + c) * inner;
                for (int i = 0; i < inner; i++) {
                    y.add(base + i, b);
                }
            }
        }
    }

    @Override
    public void backward(Tensor dyt, Tensor dbiast, int axis) {
        int[] split = split(dyt.shape(), dbiast, axis);
        Elements dy = Elements.of(dyt);
        Elements db = Elements.of(dbiast);
        int channels = split[1];
        int inner = split[2];
        for (int c = 0; c < channels; c++) {
            double acc = 0;
            for (int o = 0; o < split[0]; o++) {
                int base = (o * channels + c) * inner;
                for (int i = 0; i < inner; i++) {
                    acc += dy.get(base + i);
                }
            }
            db.set(c, acc);
        }
    }

    /** {outer, channels, inner} sizes of a tensor around {@code axis}. */
    private static int[] split(Shape shape, Tensor bias, int axis) {
        int channels = shape.dim(axis);
        if (bias.size() != channels) {
            throw new IllegalArgumentException("bias " + bias.shape() + " does not match axis " + axis + " of "
                    + shape);
        }
        int outer = Math.toIntExact(shape.size() / shape.sizeFrom(axis));
        int inner = Math.toIntExact(shape.sizeFrom(axis + 1));
        return new int[] {outer, channels, inner};
    }
}
