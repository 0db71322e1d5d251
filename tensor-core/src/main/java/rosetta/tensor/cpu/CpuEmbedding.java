package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.EmbeddingOps;

/**
 * Gather and scatter-add over a row-major table; ids of any shape, [N, T] in the benchmark. FLOAT32 splits
 * the work over the threads: forward by ids, each row a bulk copy; backward by rows of the table, each
 * thread zeroing its rows and then adding, in id order, the gradients of the ids that fall in them. So
 * every table row sums its ids' gradients in the reference's order and gets the reference's floats
 * (a float sum rounded from double, as the reference does, is the float sum), whatever the thread count.
 */
final class CpuEmbedding implements EmbeddingOps {
    /** Below this many table elements or output elements the work stays on the calling thread. */
    private static final int PARALLEL_MIN = CpuElementwise.PARALLEL_MIN;

    private IntBuffer ids;
    private int idsOff;
    private int count;
    private int dim;
    private FloatBuffer table;
    private int tableOff;
    private FloatBuffer rows;
    private int rowsOff;

    @Override
    public void forward(Tensor ids, Tensor tablet, Tensor outt) {
        int dim = checkShapes(ids, tablet, outt, "embedding output");
        checkIds(ids, tablet.shape().dim(0));
        if (tablet.dtype() == DType.FLOAT32) {
            bind(ids, tablet, outt, dim);
            CpuThreads threads = CpuBackend.of(tablet).workers();
            threads.forEach(count, outt.length() < PARALLEL_MIN ? 1 : threads.count(), this, CpuEmbedding::gather);
            clear();
            return;
        }
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
        if (dTablet.dtype() == DType.FLOAT32) {
            bind(ids, dTablet, dOutt, dim);
            CpuThreads threads = CpuBackend.of(dTablet).workers();
            int vocabulary = dTablet.shape().dim(0);
            threads.forEach(vocabulary, dTablet.length() < PARALLEL_MIN ? 1 : threads.count(), this,
                    CpuEmbedding::scatterAdd);
            clear();
            return;
        }
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

    /** The table (or its gradient) and the rows gathered from it (or their gradients). */
    private void bind(Tensor idst, Tensor tablet, Tensor rowst, int dim) {
        ids = CpuStorage.ints(idst);
        idsOff = (int) idst.offset();
        count = idst.length();
        this.dim = dim;
        table = CpuStorage.floats(tablet);
        tableOff = (int) tablet.offset();
        rows = CpuStorage.floats(rowst);
        rowsOff = (int) rowst.offset();
    }

    private void clear() {
        ids = null;
        table = null;
        rows = null;
    }

    /** out rows [from, to) = the table rows of their ids. */
    private static void gather(CpuEmbedding e, int worker, int from, int to) {
        for (int i = from; i < to; i++) {
            int row = e.ids.get(e.idsOff + i);
            e.rows.put(e.rowsOff + i * e.dim, e.table, e.tableOff + row * e.dim, e.dim);
        }
    }

    /** dTable rows [from, to) = the sum, in id order, of the output gradients of the ids in that range. */
    private static void scatterAdd(CpuEmbedding e, int worker, int from, int to) {
        FloatBuffer dTable = e.table;
        FloatBuffer dOut = e.rows;
        int dim = e.dim;
        for (int i = e.tableOff + from * dim; i < e.tableOff + to * dim; i++) {
            dTable.put(i, 0f);
        }
        for (int i = 0; i < e.count; i++) {
            int row = e.ids.get(e.idsOff + i);
            if (row < from || row >= to) {
                continue;
            }
            int at = e.tableOff + row * dim;
            int src = e.rowsOff + i * dim;
            for (int k = 0; k < dim; k++) {
                dTable.put(at + k, dTable.get(at + k) + dOut.get(src + k));
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
        int dim = table.shape().dim(1);
        Shape idShape = ids.shape();
        Shape outShape = out.shape();
        // compared axis by axis: a step checks without building the expected shape
        boolean matches = outShape.rank() == idShape.rank() + 1 && outShape.dim(idShape.rank()) == dim;
        for (int axis = 0; matches && axis < idShape.rank(); axis++) {
            matches = outShape.dim(axis) == idShape.dim(axis);
        }
        if (!matches) {
            int[] idDims = idShape.dims();
            int[] outDims = Arrays.copyOf(idDims, idDims.length + 1);
            outDims[idDims.length] = dim;
            Checks.shapeIs(out, Shape.of(outDims), what);
        }
        return dim;
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
