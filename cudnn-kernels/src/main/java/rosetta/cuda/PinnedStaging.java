package rosetta.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Page-locked host buffers through which Java arrays reach the device. A host-to-device copy from
 * pinned memory is asynchronous, so the host fills the next batch while the GPU still works on the
 * previous step. Each of the few buffers records an event after its copy and is reused only when that
 * event has passed; buffers grow to the largest copy seen and then stay (a batch has the same size
 * every step).
 */
final class PinnedStaging implements AutoCloseable {
    private static final int SLOTS = 4;

    private final CudaDevice device;
    private final Slot[] slots = new Slot[SLOTS];
    private int next;

    PinnedStaging(CudaDevice device) {
        this.device = device;
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    /** A buffer of at least {@code bytes} that no queued copy still reads or writes. */
    synchronized Slot acquire(long bytes) {
        Slot slot = slots[next];
        next = (next + 1) % SLOTS;
        slot.awaitIdle();
        slot.ensureCapacity(bytes);
        return slot;
    }

    @Override
    public synchronized void close() {
        for (Slot s : slots) {
            s.free();
            JCudaDriver.cuEventDestroy(s.event);
        }
    }

    final class Slot {
        private final CUevent event = new CUevent();
        private Pointer host;
        private long capacity;
        private boolean recorded;

        private Slot() {
            Status.driver(JCudaDriver.cuEventCreate(event, CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        }

        Pointer pointer() {
            return host;
        }

        /** The first {@code bytes} of the buffer, in native byte order. */
        ByteBuffer buffer(long bytes) {
            return host.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
        }

        /** Marks the buffer busy until the work queued so far (its copy) has run. */
        void recordUse() {
            Status.driver(JCudaDriver.cuEventRecord(event, device.stream), "cuEventRecord");
            recorded = true;
        }

        private void awaitIdle() {
            if (recorded) {
                Status.driver(JCudaDriver.cuEventSynchronize(event), "cuEventSynchronize");
                recorded = false;
            }
        }

        private void ensureCapacity(long bytes) {
            if (bytes > capacity) {
                free();
                host = new Pointer();
                Status.driver(JCudaDriver.cuMemAllocHost(host, bytes), "cuMemAllocHost(" + bytes + " bytes)");
                capacity = bytes;
            }
        }

        private void free() {
            awaitIdle();
            if (host != null) {
                JCudaDriver.cuMemFreeHost(host);
                host = null;
                capacity = 0;
            }
        }
    }
}
