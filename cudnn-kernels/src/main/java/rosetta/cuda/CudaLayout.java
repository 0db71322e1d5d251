package rosetta.cuda;

import java.util.Arrays;
import rosetta.tensor.Checks;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.LayoutOps;

/** Axis permutations of 32-bit elements in one kernel (elementwise.cu permute_b32), mirroring CpuLayout. */
final class CudaLayout implements LayoutOps {
    /** elementwise.cu's Permutation holds up to this many axes. */
    static final int MAX_RANK = 8;

    private final CudaBackend backend;

    CudaLayout(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void permute(Tensor x, Tensor y, int... axes) {
        Shape in = x.shape();
        int rank = in.rank();
        if (axes.length != rank || rank > MAX_RANK) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(axes) + " for rank " + rank
                    + (rank > MAX_RANK ? " (the cuda backend permutes up to " + MAX_RANK + " axes)" : ""));
        }
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = in.dim(axes[i]);
        }
        Checks.shapeIs(y, Shape.of(outDims), "permuted output");
        Checks.sameDType(x, y);
        CudaBackend.expect(x, x.dtype());
        CudaBackend.expect(y, y.dtype());
        backend.kernels.launch(Kernel.PERMUTE, y.size(), y.size(), permutation(in, axes), DeviceStorage.pointer(x),
                DeviceStorage.pointer(y));
    }

    /** elementwise.cu's struct Permutation {rank, outDims[8], inStrides[8]} as 17 longs. */
    static long[] permutation(Shape in, int[] axes) {
        int rank = in.rank();
        long[] inStrides = new long[rank];
        long stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = stride;
            stride *= in.dim(i);
        }
        long[] p = new long[1 + 2 * MAX_RANK];
        p[0] = rank;
        for (int d = 0; d < rank; d++) {
            p[1 + d] = in.dim(axes[d]);
            p[1 + MAX_RANK + d] = inStrides[axes[d]];
        }
        return p;
    }
}
