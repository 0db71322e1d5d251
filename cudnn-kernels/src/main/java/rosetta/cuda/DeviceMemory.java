package rosetta.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * A caching allocator: a freed block goes back to a list of blocks of its rounded size and the next
 * request of that size reuses it, so a training step, which asks for the same sizes every time,
 * allocates nothing after the first. All work runs on the backend's single stream, so a block reused
 * for a later operation cannot be overwritten before earlier operations on it have run (PyTorch's
 * CUDACachingAllocator relies on the same ordering).
 */
final class DeviceMemory implements AutoCloseable {
    /** Sizes are rounded up to this, which is also cuDNN's and cuBLAS's preferred alignment. */
    private static final long ROUND = 512;

    private final CudaDevice device;
    private final Map<Long, ArrayDeque<CUdeviceptr>> free = new HashMap<>();
    private long cachedBytes;
    private long liveBytes;

    DeviceMemory(CudaDevice device) {
        this.device = device;
    }

    /** A block of at least {@code bytes} bytes. */
    synchronized CUdeviceptr allocate(long bytes) {
        long size = Math.max(ROUND, (bytes + ROUND - 1) / ROUND * ROUND);
        ArrayDeque<CUdeviceptr> list = free.get(size);
        if (list != null && !list.isEmpty()) {
            cachedBytes -= size;
            liveBytes += size;
            return list.pop();
        }
        CUdeviceptr ptr = new CUdeviceptr();
        int status = JCudaDriver.cuMemAlloc(ptr, size);
        if (status == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            releaseCached();
            status = JCudaDriver.cuMemAlloc(ptr, size);
        }
        if (status == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            long[] info = device.memoryInfo();
            throw new CudaFailure("out of GPU memory: asked for " + mib(size) + ", " + mib(info[0]) + " free of "
                    + mib(info[1]) + " on " + device.name + " (" + mib(liveBytes) + " held by live tensors);"
                    + " use a smaller --batch-size");
        }
        Status.driver(status, "cuMemAlloc(" + size + " bytes)");
        liveBytes += size;
        return ptr;
    }

    /** Returns a block of the size it was asked with; it is reused, not freed. */
    synchronized void release(CUdeviceptr ptr, long bytes) {
        long size = Math.max(ROUND, (bytes + ROUND - 1) / ROUND * ROUND);
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(ptr);
        cachedBytes += size;
        liveBytes -= size;
    }

    /** Hands every cached block back to the driver (waits for queued work, which may still use them). */
    synchronized void releaseCached() {
        device.synchronize();
        for (ArrayDeque<CUdeviceptr> list : free.values()) {
            for (CUdeviceptr p : list) {
                Status.driver(JCudaDriver.cuMemFree(p), "cuMemFree");
            }
        }
        free.clear();
        cachedBytes = 0;
    }

    @Override
    public void close() {
        releaseCached();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
