package rosetta.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import rosetta.tensor.DType;
import rosetta.tensor.Storage;
import rosetta.tensor.Tensor;

/** Device memory holding one tensor's elements; closing it hands the block back to the allocator. */
final class DeviceStorage implements Storage {
    private final DeviceMemory memory;
    private final DType dtype;
    private final long length;
    private CUdeviceptr ptr;

    DeviceStorage(DeviceMemory memory, DType dtype, long length) {
        this.memory = memory;
        this.dtype = dtype;
        this.length = length;
        this.ptr = memory.allocate(bytes());
    }

    /** The device address of a tensor's first element (its storage base plus its view offset). */
    static CUdeviceptr pointer(Tensor t) {
        if (!(t.storage() instanceof DeviceStorage s)) {
            throw new IllegalArgumentException(t + " is not in GPU memory; copy it with copyFromHost first");
        }
        if (s.ptr == null) {
            throw new IllegalStateException(t + " used after its storage was closed");
        }
        return t.offset() == 0 ? s.ptr : s.ptr.withByteOffset(t.offset() * s.dtype.bytes());
    }

    /** {@link #pointer}, or a null device pointer for an absent (null) tensor. */
    static Pointer pointerOrNull(Tensor t) {
        return t == null ? Kernels.NULL : pointer(t);
    }

    long bytes() {
        return length * dtype.bytes();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() {
        if (ptr != null) {
            memory.release(ptr, bytes());
            ptr = null;
        }
    }
}
