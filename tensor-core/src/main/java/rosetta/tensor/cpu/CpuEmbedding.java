package rosetta.tensor.cpu;

import java.nio.IntBuffer;
import java.util.Arrays;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.EmbeddingOps;

/** Gather and scatter-add over a row-major table; ids of any shape, [N, T] in the benchmark. */
final class CpuEmbedding implements EmbeddingOps {

    @Override
    public void forward(Tensor ids, Tensor tablet, Tensor outt) {
        int dim = checkShapes(ids, tablet, outt, "embedding output");
        checkIds(ids, tablet.shape().dim(0));
        Elements table = Elements.of(tablet);
        Elements out = Elements.of(outt);
        IntBuffer id = CpuStorage.ints(ids);
        int first = (int) ids.offset();
        for (int i = 0; i < ids.length(); i++) {
            int row = id.get(first + i) * dim;
            for (int e = 0; e < dim; e++) {
                out.set(i * dim + e, table.get(row + e));
            }
        }
    }

    @Override
    public void backward(Tensor ids, Tensor dOutt, Tensor dTablet) {
        int dim = checkShapes(ids, dTablet, dOutt, "embedding output gradient");
        checkIds(ids, dTablet.shape().dim(0));
        Elements dOut = Elements.of(dOutt);
        Elements dTable = Elements.of(dTablet);
        for (int i = 0; i < dTable.length; i++) {
            dTable.set(i, 0);
        }
        IntBuffer id = CpuStorage.ints(ids);
        int first = (int) ids.offset();
        for (int i = 0; i < ids.length(); i++) {
            int row = id.get(first + i) * dim;
            for (int e = 0; e < dim; e++) {
                dTable.add(row + e, dOut.get(i * dim + e));
            }
        }
    }

    /** Checks ids INT32, table [V, E] and out = ids' shape + [E] of the table's type; returns E. */
    private static int checkShapes(Tensor ids, Tensor table, Tensor out, String what) {
        if (ids.dtype() != DType.INT32) {
            throw new IllegalArgumentException("embedding ids must be INT32 token ids, got " + ids);
        }
        Checks.rank(table, 2, "embedding table");
        Checks.sameDType(table, out);
        int[] idDims = ids.shape().dims();
        int[] outDims = Arrays.copyOf(idDims, idDims.length + 1);
        outDims[idDims.length] = table.shape().dim(1);
        Checks.shapeIs(out, Shape.of(outDims), what);
        return table.shape().dim(1);
    }

    private static void checkIds(Tensor ids, int vocabulary) {
        IntBuffer id = CpuStorage.ints(ids);
        int first = (int) ids.offset();
        for (int i = 0; i < ids.length(); i++) {
            int v = id.get(first + i);
            if (v < 0 || v >= vocabulary) {
                throw new IllegalArgumentException("token id " + v + " at position " + i
                        + " is outside the embedding's vocabulary [0, " + vocabulary
                        + "); enlarge the vocabulary or map rare words to an out-of-vocabulary id");
            }
        }
    }
}
