package rosetta.tensor.cpu;

import rosetta.tensor.Checks;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.DropoutOps;
import rosetta.tensor.random.Philox;
import rosetta.tensor.random.RngStream;

final class CpuDropout implements DropoutOps {

    @Override
    public void forward(double rate, RngStream rng, Tensor xt, Tensor maskt, Tensor yt) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        Checks.sameSize(xt, maskt);
        Checks.sameSize(xt, yt);
        Elements x = Elements.of(xt);
        Elements mask = Elements.of(maskt);
        Elements y = Elements.of(yt);
        float keep = (float) (1 - rate);
        double scale = 1 / (1 - rate);
        long start = rng.reserve(RngStream.blocksFor(x.length));
        int[] words = new int[4];
        for (int i = 0; i < x.length; i++) {
            if ((i & 3) == 0) {
                long counter = start + (i >>> 2);
                Philox.block((int) counter, (int) (counter >>> 32), 0, 0, rng.key0(), rng.key1(), words);
            }
            double m = Philox.uniformFloat(words[i & 3]) < keep ? scale : 0;
            mask.set(i, m);
            y.set(i, x.get(i) * m);
        }
    }

    @Override
    public void backward(Tensor maskt, Tensor dyt, Tensor dxt) {
        Checks.sameSize(maskt, dyt);
        Checks.sameSize(maskt, dxt);
        Elements mask = Elements.of(maskt);
        Elements dy = Elements.of(dyt);
        Elements dx = Elements.of(dxt);
        for (int i = 0; i < mask.length; i++) {
            dx.set(i, dy.get(i) * mask.get(i));
        }
    }
}
