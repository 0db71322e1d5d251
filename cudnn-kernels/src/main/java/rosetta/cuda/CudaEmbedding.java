package rosetta.cuda;

import java.util.Arrays;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.EmbeddingOps;

/**
 * Gather and scatter-add in own kernels (embedding.cu), mirroring CpuEmbedding. The gradient is summed
 * per table row in position order without atomics, so it is deterministic and bit-identical to the CPU's.
 *
 * <p>Token ids live on the device, so checking them on the host would cost a copy and a wait every step.
 * The kernels check them instead: an id outside the table gives a zero output row and no gradient, and
 * its position goes into a small device record. The backend reads that record whenever the host waits
 * for the stream anyway (a copy to the host, {@code sum}, {@code dot}, {@code synchronize}; the trainer
 * reads its loss every few steps and at the end of each epoch) and then throws the CPU's
 * IllegalArgumentException for the lowest bad position recorded since the last wait (the CPU names the
 * first bad position of its call). A bad id is therefore reported at the next wait rather than by the call
 * that met it, at no cost per step.
 */
final class CudaEmbedding implements EmbeddingOps, AutoCloseable {
    /** embedding.cu's struct BadId: first (8 bytes), vocabulary (4), padded to 16. */
    private static final int RECORD_BYTES = 16;
    /** BadId.first when no bad id was met: all ones. */
    private static final long NONE = -1L;

    private final CudaBackend backend;
    private final CUdeviceptr record;
    private final int[] hostRecord = new int[RECORD_BYTES / 4];
    /** A kernel ran since the record was last read. */
    private boolean unread;

    CudaEmbedding(CudaBackend backend) {
        this.backend = backend;
        this.record = backend.memory.allocate(RECORD_BYTES);
        backend.device.makeCurrent();
        clearRecord();
    }

    @Override
    public void forward(Tensor ids, Tensor table, Tensor out) {
        int dim = checkShapes(ids, table, out, "embedding output");
        backend.kernels.launch(Kernel.EMBEDDING_FORWARD, ids.size() * dim, ids.size(), dim, table.shape().dim(0),
                DeviceStorage.pointer(ids), DeviceStorage.pointer(table), DeviceStorage.pointer(out), record);
        unread = true;
    }

    /** One warp per position (embedding_backward_f32), so 32 threads per id. */
    @Override
    public void backward(Tensor ids, Tensor dOut, Tensor dTable) {
        int dim = checkShapes(ids, dTable, dOut, "embedding output gradient");
        backend.fill(dTable, 0);
        backend.kernels.launch(Kernel.EMBEDDING_BACKWARD, 32 * ids.size(), ids.size(), dim, dTable.shape().dim(0),
                DeviceStorage.pointer(ids), DeviceStorage.pointer(dOut), DeviceStorage.pointer(dTable), record);
        unread = true;
    }

    /**
     * After the host has waited for the stream: reads the record (16 bytes, a copy that costs nothing once
     * the stream is idle) and throws, once, what CpuEmbedding would have thrown for the first bad id.
     */
    void afterWait() {
        if (!unread) {
            return;
        }
        unread = false;
        Status.driver(JCudaDriver.cuMemcpyDtoH(Pointer.to(hostRecord), record, RECORD_BYTES), "cuMemcpyDtoH");
        long first = (hostRecord[0] & 0xFFFFFFFFL) | ((long) hostRecord[1] << 32);
        if (first != NONE) {
            clearRecord();
            throw new IllegalArgumentException("token id " + hostRecord[0] + " at position " + (first >>> 32)
                    + " is outside the embedding's vocabulary [0, " + hostRecord[2]
                    + "); enlarge the vocabulary or map rare words to an out-of-vocabulary id");
        }
    }

    private void clearRecord() {
        Status.driver(JCudaDriver.cuMemsetD32Async(record, (int) NONE, RECORD_BYTES / 4, backend.device.stream),
                "cuMemsetD32Async");
    }

    /** Checks ids INT32, table [V, E] and out = ids' shape + [E], all in GPU memory; returns E. */
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
        CudaBackend.expect(ids, DType.INT32);
        CudaBackend.floats(table, out);
        return table.shape().dim(1);
    }

    @Override
    public void close() {
        backend.memory.release(record, RECORD_BYTES);
    }
}
