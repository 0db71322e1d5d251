package rosetta.tensor.cpu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import rosetta.tensor.DType;
import rosetta.tensor.Storage;
import rosetta.tensor.Tensor;

/**
 * Host memory outside the Java heap: a native BLAS reads it in place (no copy per call), and
 * {@link #close()} frees it at once instead of waiting for the garbage collector.
 */
final class CpuStorage implements Storage {
    private static final MethodHandle FREE = freeHandle();

    private final DType dtype;
    private final long length;
    private ByteBuffer bytes;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final IntBuffer ints;

    CpuStorage(DType dtype, long length) {
        if (length * dtype.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a CPU tensor holds at most 2 GiB; asked for " + length + " "
                    + dtype + " elements");
        }
        this.dtype = dtype;
        this.length = length;
        this.bytes = ByteBuffer.allocateDirect((int) (length * dtype.bytes())).order(ByteOrder.nativeOrder());
        this.floats = dtype == DType.FLOAT32 ? bytes.asFloatBuffer() : null;
        this.doubles = dtype == DType.FLOAT64 ? bytes.asDoubleBuffer() : null;
        this.ints = dtype == DType.INT32 ? bytes.asIntBuffer() : null;
    }

    static CpuStorage of(Tensor t) {
        if (!(t.storage() instanceof CpuStorage s)) {
            throw new IllegalArgumentException(t + " is not in CPU memory");
        }
        return s;
    }

    static FloatBuffer floats(Tensor t) {
        CpuStorage s = of(t);
        if (s.floats == null) {
            throw new IllegalArgumentException("expected a FLOAT32 tensor, got " + t);
        }
        return s.floats;
    }

    static DoubleBuffer doubles(Tensor t) {
        CpuStorage s = of(t);
        if (s.doubles == null) {
            throw new IllegalArgumentException("expected a FLOAT64 tensor, got " + t);
        }
        return s.doubles;
    }

    static IntBuffer ints(Tensor t) {
        CpuStorage s = of(t);
        if (s.ints == null) {
            throw new IllegalArgumentException("expected an INT32 tensor, got " + t);
        }
        return s.ints;
    }

    /** This storage's floats; null unless it holds FLOAT32. */
    FloatBuffer floatBuffer() {
        return floats;
    }

    /** The raw bytes, for native libraries that take a direct buffer. */
    ByteBuffer bytes() {
        return bytes;
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
        if (bytes != null) {
            try {
                FREE.invokeExact(bytes);
            } catch (Throwable e) {
                throw new IllegalStateException("could not free CPU tensor memory", e);
            }
            bytes = null;
        }
    }

    /** sun.misc.Unsafe.invokeCleaner: the supported way to free a direct buffer now (jdk.unsupported). */
    private static MethodHandle freeHandle() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
