package rosetta.tensor.cpu;

import rosetta.tensor.Checks;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LayoutOps;

final class CpuLayout implements LayoutOps {

    @Override
    public void permute(Tensor xt, Tensor yt, int... axes) {
        Shape in = xt.shape();
        int rank = in.rank();
        if (axes.length != rank) {
            throw new IllegalArgumentException("permutation " + java.util.Arrays.toString(axes) + " for rank " + rank);
        }
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = in.dim(axes[i]);
        }
        Checks.shapeIs(yt, Shape.of(outDims), "permuted output");
        int[] inStrides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = stride;
            stride *= in.dim(i);
        }
        Elements x = Elements.of(xt);
        Elements y = Elements.of(yt);
        int[] index = new int[rank];
        for (int out = 0; out < y.length; out++) {
            int src = 0;
            for (int i = 0; i < rank; i++) {
                src += index[i] * inStrides[axes[i]];
            }
            y.set(out, x.get(src));
            for (int i = rank - 1; i >= 0; i--) {
                if (++index[i] < outDims[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
    }
}
