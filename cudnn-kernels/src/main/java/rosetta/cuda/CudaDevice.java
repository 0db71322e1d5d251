package rosetta.cuda;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import jcuda.runtime.cudaStream_t;
import rosetta.tensor.BackendUnavailableException;

/**
 * Device 0, its primary context and the one stream every operation of the backend is queued on. The
 * primary context is the one the CUDA runtime inside cuBLAS and cuDNN uses, so memory allocated here
 * with the driver API is valid there. Work on one stream runs in order, so nothing waits between
 * operations; the host waits only where it reads a value.
 */
final class CudaDevice implements AutoCloseable {
    /** The kernels are PTX for compute_80 (see scripts/build-ptx.sh). */
    static final int MIN_MAJOR = 8;

    final CUdevice device = new CUdevice();
    final CUcontext context = new CUcontext();
    final CUstream stream = new CUstream();
    final cudaStream_t runtimeStream;
    final String name;
    final int multiprocessors;
    final int major;
    final int minor;
    private final ThreadLocal<Boolean> currentOnThread = ThreadLocal.withInitial(() -> false);

    private CudaDevice() {
        Status.driver(JCudaDriver.cuDeviceGet(device, 0), "cuDeviceGet");
        name = deviceName(device);
        multiprocessors = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        Status.driver(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        Status.driver(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        runtimeStream = new cudaStream_t(stream);
    }

    /**
     * Checks that a driver and a usable device are there, without creating anything; a failure is one
     * line saying what is missing.
     */
    static void probe(LibrarySearch search) {
        Path driver = search.find("libcuda.so.1").orElseThrow(() -> new BackendUnavailableException(
                "no NVIDIA driver: libcuda.so.1 not found in " + search.describe()));
        try {
            System.load(driver.toString());
            JCudaDriver.setExceptionsEnabled(false);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new BackendUnavailableException("the JCuda driver library does not load with " + driver + ": "
                    + NativeLibraries.oneLine(e.getMessage()));
        }
        int init = JCudaDriver.cuInit(0);
        if (init != CUresult.CUDA_SUCCESS) {
            throw new BackendUnavailableException("no usable CUDA device: cuInit says " + Status.driverText(init));
        }
        int[] count = new int[1];
        Status.driver(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            throw new BackendUnavailableException("no CUDA device visible (CUDA_VISIBLE_DEVICES="
                    + System.getenv("CUDA_VISIBLE_DEVICES") + ")");
        }
        CUdevice first = new CUdevice();
        Status.driver(JCudaDriver.cuDeviceGet(first, 0), "cuDeviceGet");
        int major = attribute(first, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(first, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        if (major < MIN_MAJOR) {
            throw new BackendUnavailableException(deviceName(first) + " has compute capability " + major + "." + minor
                    + "; the cuda backend's kernels need " + MIN_MAJOR + ".0 or newer");
        }
    }

    static CudaDevice open() {
        return new CudaDevice();
    }

    /** Makes the primary context current on the calling thread (once per thread). */
    void makeCurrent() {
        if (!currentOnThread.get()) {
            Status.driver(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            currentOnThread.set(true);
        }
    }

    /** {free, total} bytes of device memory. */
    long[] memoryInfo() {
        long[] free = new long[1];
        long[] total = new long[1];
        Status.driver(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }

    void synchronize() {
        Status.driver(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    @Override
    public void close() {
        JCudaDriver.cuStreamDestroy(stream);
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        Status.driver(JCudaDriver.cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute");
        return value[0];
    }

    private static String deviceName(CUdevice device) {
        byte[] bytes = new byte[256];
        Status.driver(JCudaDriver.cuDeviceGetName(bytes, bytes.length, device), "cuDeviceGetName");
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
