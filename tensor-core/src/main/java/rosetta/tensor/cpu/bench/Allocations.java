package rosetta.tensor.cpu.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap bytes allocated by this thread and the CPU backend's worker threads, and garbage collections so
 * far, from HotSpot's per-thread allocation counters (com.sun.management.ThreadMXBean): the evidence
 * that a warm training step allocates nothing.
 */
public final class Allocations {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long[] ids;
    private final long overhead;

    public Allocations() {
        List<Long> found = new ArrayList<>();
        found.add(Thread.currentThread().getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("rosetta-cpu-")) {
                found.add(t.getId());
            }
        }
        ids = found.stream().mapToLong(Long::longValue).toArray();
        sample();
        Sample first = sample();
        overhead = sample().bytes() - first.bytes();
    }

    /** Bytes allocated between two samples, less what taking a sample allocates itself. */
    public long between(Sample before, Sample after) {
        return after.bytes() - before.bytes() - overhead;
    }

    public record Sample(long bytes, long collections) {
    }

    public Sample sample() {
        long bytes = 0;
        for (long b : threads.getThreadAllocatedBytes(ids)) {
            bytes += Math.max(b, 0);
        }
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(gc.getCollectionCount(), 0);
        }
        return new Sample(bytes, collections);
    }
}
