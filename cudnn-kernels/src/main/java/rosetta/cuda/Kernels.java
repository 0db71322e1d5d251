package rosetta.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * Loads the committed PTX modules through the driver API (the driver compiles them for the device
 * once and caches the result) and launches their kernels on the backend's stream.
 */
final class Kernels implements AutoCloseable {
    /** A null device pointer argument. */
    static final Pointer NULL = new Pointer();
    /** Threads per block of every grid-stride kernel (the reductions' shared arrays are this size). */
    static final int THREADS = 256;

    private final CudaDevice device;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);
    private final int maxBlocks;

    Kernels(CudaDevice device) {
        this.device = device;
        // enough blocks to fill every multiprocessor several times over; grid-stride loops do the rest
        this.maxBlocks = 32 * device.multiprocessors;
        for (Kernel k : Kernel.values()) {
            CUmodule module = modules.computeIfAbsent(k.module, Kernels::load);
            CUfunction f = new CUfunction();
            Status.driver(JCudaDriver.cuModuleGetFunction(f, module, k.entry), "cuModuleGetFunction(" + k.entry + ")");
            functions.put(k, f);
        }
    }

    /** Reads {@code rosetta/cuda/ptx/<module>.ptx} from the jar. */
    static byte[] ptx(String module) {
        String resource = "/rosetta/cuda/ptx/" + module + ".ptx";
        try (InputStream in = Kernels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource + "; run scripts/build-ptx.sh and rebuild");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static CUmodule load(String name) {
        byte[] text = ptx(name);
        byte[] terminated = new byte[text.length + 1]; // cuModuleLoadData reads PTX as a C string
        System.arraycopy(text, 0, terminated, 0, text.length);
        CUmodule module = new CUmodule();
        Status.driver(JCudaDriver.cuModuleLoadData(module, terminated), "cuModuleLoadData(" + name + ".ptx)");
        return module;
    }

    /** Blocks for a grid-stride loop over {@code n} items. */
    int blocksFor(long n) {
        return blocksFor(n, maxBlocks);
    }

    /** The largest grid {@link #blocksFor} gives: what a buffer with one slot per block must hold. */
    int maxBlocks() {
        return maxBlocks;
    }

    /**
     * One block per {@link #THREADS} items, at least 1 and at most {@code maxBlocks}. Rounded up as
     * 1 + (n - 1) / THREADS, which cannot overflow (n + THREADS - 1 does for n near Long.MAX_VALUE).
     */
    static int blocksFor(long n, int maxBlocks) {
        long needed = n <= 0 ? 1 : 1 + (n - 1) / THREADS;
        return (int) Math.min(maxBlocks, needed);
    }

    /** Launches over {@code n} items with {@link #THREADS} threads per block (nothing when n is 0). */
    void launch(Kernel k, long n, Object... args) {
        if (n > 0) {
            launchGrid(k, blocksFor(n), THREADS, args);
        }
    }

    /** Launches {@code blocks} x {@code threads}, checking each argument against the kernel's signature. */
    void launchGrid(Kernel k, int blocks, int threads, Object... args) {
        if (args.length != k.params.size()) {
            throw new IllegalArgumentException(k.entry + " takes " + k.params.size() + " arguments, got " + args.length);
        }
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = param(k, i, args[i]);
        }
        device.makeCurrent();
        Status.driver(JCudaDriver.cuLaunchKernel(functions.get(k), blocks, 1, 1, threads, 1, 1, 0, device.stream,
                Pointer.to(params), null), "cuLaunchKernel(" + k.entry + ")");
    }

    private static Pointer param(Kernel k, int i, Object arg) {
        Kernel.Param p = k.params.get(i);
        Pointer out = switch (p) {
            case PTR -> arg instanceof Pointer ptr ? Pointer.to(ptr) : null;
            case I64 -> arg instanceof Long v ? Pointer.to(new long[] {v}) : null;
            case I32 -> arg instanceof Integer v ? Pointer.to(new int[] {v}) : null;
            case F32 -> arg instanceof Float v ? Pointer.to(new float[] {v}) : null;
            case F64 -> arg instanceof Double v ? Pointer.to(new double[] {v}) : null;
            case PERMUTATION -> arg instanceof long[] v && v.length * 8 == p.bytes ? Pointer.to(v) : null;
            case GRU_SHAPE -> arg instanceof int[] v && v.length * 4 == p.bytes ? Pointer.to(v) : null;
        };
        if (out == null) {
            throw new IllegalArgumentException(k.entry + " argument " + i + " must be " + p + ", got "
                    + (arg == null ? "null" : arg.getClass().getSimpleName()));
        }
        return out;
    }

    @Override
    public void close() {
        for (CUmodule m : modules.values()) {
            JCudaDriver.cuModuleUnload(m);
        }
        modules.clear();
    }
}
