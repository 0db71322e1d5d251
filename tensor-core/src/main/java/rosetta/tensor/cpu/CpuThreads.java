package rosetta.tensor.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU backend's worker threads. {@link #forEach} splits {@code [0, n)} into one contiguous range per
 * thread, always the same ranges for the same {@code n} and thread count, so a pass that sums per-range
 * partial results in range order is bit-for-bit reproducible. The calling thread runs the first range.
 *
 * <p>A dispatch allocates nothing: the body is a non-capturing lambda or a static method reference and
 * its arguments travel in a {@code context} object the caller already owns (a plan, a workspace). Idle
 * workers spin briefly, since training calls ops back to back, and then park.
 */
final class CpuThreads implements AutoCloseable {
    /** One thread's share of a parallel loop: the range {@code [from, to)}, run by thread {@code worker}. */
    @FunctionalInterface
    interface RangeBody<C> {
        void run(C context, int worker, int from, int to);
    }

    private static final long SPIN_NANOS = 50_000;

    private final int count;
    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread caller;
    private volatile long generation;
    private volatile boolean closed;
    private RangeBody<Object> body;
    private Object context;
    private int total;
    private int parts;
    private volatile Throwable failure;

    CpuThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the CPU backend needs at least one thread, got " + count);
        }
        this.count = count;
        this.workers = new Worker[count - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    int count() {
        return count;
    }

    /**
     * Whether thread {@code thread} gets a non-empty range when {@link #forEach(int, Object, RangeBody)}
     * splits {@code n} items: the passes that keep per-thread partial sums add only those.
     */
    boolean hasWork(int n, int thread) {
        int useful = Math.min(count, n);
        if (useful <= 1) {
            return thread == 0 && n > 0;
        }
        return thread < useful && split(n, useful, thread) < split(n, useful, thread + 1);
    }

    /** Start of part {@code part} of {@code n} items split into {@code parts} contiguous ranges. */
    static int split(int n, int parts, int part) {
        return (int) ((long) n * part / parts);
    }

    /**
     * Runs {@code body} on every thread, thread {@code i} over its range of {@code [0, n)}, and returns when
     * all have finished. Nested calls (from inside a body), single items and single-thread pools run inline.
     */
    <C> void forEach(int n, C context, RangeBody<C> body) {
        forEach(n, count, context, body);
    }

    /**
     * As {@link #forEach(int, Object, RangeBody)} over at most {@code maxParts} threads, for work too small
     * to feed them all. The others get empty ranges: every worker takes part in every dispatch, so none can
     * lag into the next one.
     */
    @SuppressWarnings("unchecked")
    <C> void forEach(int n, int maxParts, C context, RangeBody<C> body) {
        if (closed) {
            throw new IllegalStateException("the CPU backend was used after close()");
        }
        int useful = Math.min(Math.min(count, maxParts), n);
        if (useful <= 1 || Thread.currentThread() instanceof Worker) {
            if (n > 0) {
                int worker = Thread.currentThread() instanceof Worker w ? w.index : 0;
                body.run(context, worker, 0, n);
            }
            return;
        }
        synchronized (this) {
            this.body = (RangeBody<Object>) body;
            this.context = context;
            this.total = n;
            this.parts = useful;
            this.failure = null;
            pending.set(workers.length);
            caller = Thread.currentThread();
            generation++;
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
            Throwable own = null;
            try {
                body.run(context, 0, 0, split(n, useful, 1));
            } catch (Throwable t) {
                own = t;
            }
            awaitWorkers();
            this.body = null;
            this.context = null;
            Throwable t = own != null ? own : failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    private void awaitWorkers() {
        long start = System.nanoTime();
        while (pending.get() > 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    private final class Worker extends Thread {
        private final int index;

        Worker(int index) {
            super("rosetta-cpu-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long start = System.nanoTime();
                while (generation == seen && !closed) {
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (closed) {
                    return;
                }
                seen = generation;
                try {
                    if (index < parts) {
                        int from = split(total, parts, index);
                        int to = split(total, parts, index + 1);
                        body.run(context, index, from, to);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
