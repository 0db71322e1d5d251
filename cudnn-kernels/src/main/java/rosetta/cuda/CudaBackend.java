package rosetta.cuda;

import java.nio.ByteBuffer;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnHandle;
import rosetta.tensor.Backend;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.FusedOps;
import rosetta.tensor.ops.OpFamilies;
import rosetta.tensor.random.RngStream;

/**
 * Tensors in GPU memory: primitives as own kernels and cuBLAS, the fused ops as cuDNN and own kernels,
 * all queued on one stream. Data crosses to the host only in the copy calls and in {@link #sum} and
 * {@link #dot}, which return a number; every other call returns as soon as its work is queued. Where the
 * host waits for the stream, an out-of-vocabulary token id that an embedding met meanwhile is reported
 * ({@link CudaEmbedding}). FLOAT32 and INT32 only: FLOAT64 is the CPU's gradient-check type.
 */
public final class CudaBackend implements Backend {
    final CudaDevice device;
    final DeviceMemory memory;
    final Kernels kernels;
    final cudnnHandle cudnn = new cudnnHandle();
    private final cublasHandle cublas = new cublasHandle();
    private final PinnedStaging staging;
    private final NativeLibraries.Loaded libraries;
    private final boolean tf32;
    /** One double per block of the largest grid: sum_f32 and dot_f32 write one partial sum per block. */
    private final CUdeviceptr partials;
    private final CUdeviceptr reduced;
    private final CudnnConv conv;
    private final CudnnActivation activation = new CudnnActivation(this);
    private final CudaSoftmaxCrossEntropy softmaxCrossEntropy = new CudaSoftmaxCrossEntropy(this);
    private final CudaEmbedding embedding;
    private final FusedOps ops;

    /**
     * Opens device 0. With {@code tf32}, convolutions may use TF32 tensor cores on Ampere and newer
     * (cuDNN's CUDNN_DEFAULT_MATH; PyTorch's default {@code torch.backends.cudnn.allow_tf32 = True});
     * without, they run in full FP32 (CUDNN_FMA_MATH). GEMMs stay in FP32 either way (cuBLAS's default
     * math; PyTorch's default {@code torch.backends.cuda.matmul.allow_tf32 = False}).
     */
    CudaBackend(NativeLibraries.Loaded libraries, boolean tf32) {
        this.libraries = libraries;
        this.tf32 = tf32;
        this.device = CudaDevice.open();
        this.memory = new DeviceMemory(device);
        this.kernels = new Kernels(device);
        this.staging = new PinnedStaging(device);
        Status.cublas(JCublas2.cublasCreate(cublas), "cublasCreate");
        Status.cublas(JCublas2.cublasSetStream(cublas, device.runtimeStream), "cublasSetStream");
        Status.cudnn(JCudnn.cudnnCreate(cudnn), "cudnnCreate");
        Status.cudnn(JCudnn.cudnnSetStream(cudnn, device.runtimeStream), "cudnnSetStream");
        this.partials = memory.allocate(8L * kernels.maxBlocks());
        this.reduced = memory.allocate(8);
        this.conv = new CudnnConv(this);
        this.embedding = new CudaEmbedding(this);
        this.ops = new OpFamilies(conv, new CudnnPool(this), activation, new CudaDropout(this), softmaxCrossEntropy,
                new CudaBias(this), new CudaLayout(this), new CudaOptimizer(this), new CudaGru(this), embedding);
    }

    boolean tf32() {
        return tf32;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return "cuda: " + device.name + " (compute " + device.major + "." + device.minor + ", " + device.multiprocessors
                + " SMs), " + libraries.cublas() + ", " + libraries.cudnn() + " (version " + JCudnn.cudnnGetVersion()
                + "), convolutions in " + (tf32 ? "TF32" : "FP32");
    }

    @Override
    public Tensor allocate(DType dtype, Shape shape) {
        if (dtype == DType.FLOAT64) {
            throw new IllegalArgumentException("the cuda backend holds FLOAT32 and INT32 tensors; FLOAT64 is for "
                    + "gradient checks on the cpu backend");
        }
        device.makeCurrent();
        Tensor t = new Tensor(this, new DeviceStorage(memory, dtype, shape.size()), 0, shape, true);
        fill(t, 0);
        return t;
    }

    @Override
    public void copyFromHost(float[] src, int srcOffset, Tensor dst) {
        expect(dst, DType.FLOAT32);
        PinnedStaging.Slot slot = upload(dst);
        slot.buffer(bytes(dst)).asFloatBuffer().put(src, srcOffset, dst.length());
        finishUpload(slot, dst);
    }

    @Override
    public void copyFromHost(double[] src, int srcOffset, Tensor dst) {
        throw new IllegalArgumentException("the cuda backend has no FLOAT64 tensors; convert " + dst.shape()
                + " to float on the host first");
    }

    @Override
    public void copyFromHost(int[] src, int srcOffset, Tensor dst) {
        expect(dst, DType.INT32);
        PinnedStaging.Slot slot = upload(dst);
        slot.buffer(bytes(dst)).asIntBuffer().put(src, srcOffset, dst.length());
        finishUpload(slot, dst);
    }

    @Override
    public void copyToHost(Tensor src, float[] dst, int dstOffset) {
        expect(src, DType.FLOAT32);
        download(src).asFloatBuffer().get(dst, dstOffset, src.length());
    }

    @Override
    public void copyToHost(Tensor src, double[] dst, int dstOffset) {
        expect(src, DType.FLOAT32);
        float[] f = new float[src.length()];
        copyToHost(src, f, 0);
        for (int i = 0; i < f.length; i++) {
            dst[dstOffset + i] = f[i];
        }
    }

    @Override
    public void copyToHost(Tensor src, int[] dst, int dstOffset) {
        expect(src, DType.INT32);
        download(src).asIntBuffer().get(dst, dstOffset, src.length());
    }

    private PinnedStaging.Slot upload(Tensor dst) {
        device.makeCurrent();
        return staging.acquire(bytes(dst));
    }

    private void finishUpload(PinnedStaging.Slot slot, Tensor dst) {
        if (dst.size() > 0) {
            Status.driver(JCudaDriver.cuMemcpyHtoDAsync(DeviceStorage.pointer(dst), slot.pointer(), bytes(dst),
                    device.stream), "cuMemcpyHtoDAsync");
            slot.recordUse();
        }
    }

    /** Copies a tensor into a pinned buffer and waits for it: the host needs the values now. */
    private ByteBuffer download(Tensor src) {
        device.makeCurrent();
        PinnedStaging.Slot slot = staging.acquire(bytes(src));
        if (src.size() > 0) {
            Status.driver(JCudaDriver.cuMemcpyDtoHAsync(slot.pointer(), DeviceStorage.pointer(src), bytes(src),
                    device.stream), "cuMemcpyDtoHAsync");
            awaitStream();
        }
        return slot.buffer(bytes(src));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        Checks.sameSize(src, dst);
        Checks.sameDType(src, dst);
        device.makeCurrent();
        if (src.size() > 0) {
            Status.driver(JCudaDriver.cuMemcpyDtoDAsync(DeviceStorage.pointer(dst), DeviceStorage.pointer(src),
                    bytes(src), device.stream), "cuMemcpyDtoDAsync");
        }
    }

    @Override
    public void fill(Tensor t, double value) {
        int bits = t.dtype() == DType.INT32 ? (int) value : Float.floatToRawIntBits((float) value);
        device.makeCurrent();
        if (t.size() > 0) {
            Status.driver(JCudaDriver.cuMemsetD32Async(DeviceStorage.pointer(t), bits, t.size(), device.stream),
                    "cuMemsetD32Async");
        }
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        Checks.sameSize(x, y);
        floats(x, y);
        kernels.launch(Kernel.AXPBY, x.size(), x.size(), alpha, DeviceStorage.pointer(x), beta, DeviceStorage.pointer(y));
    }

    @Override
    public void multiply(Tensor a, Tensor b, Tensor out) {
        Checks.sameSize(a, b);
        Checks.sameSize(a, out);
        floats(a, b, out);
        kernels.launch(Kernel.MULTIPLY, a.size(), a.size(), DeviceStorage.pointer(a), DeviceStorage.pointer(b),
                DeviceStorage.pointer(out));
    }

    @Override
    public double sum(Tensor x) {
        floats(x);
        int blocks = kernels.blocksFor(x.size());
        kernels.launchGrid(Kernel.SUM, blocks, Kernels.THREADS, x.size(), DeviceStorage.pointer(x), partials);
        return finishSum(blocks);
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        Checks.sameSize(a, b);
        floats(a, b);
        int blocks = kernels.blocksFor(a.size());
        kernels.launchGrid(Kernel.DOT, blocks, Kernels.THREADS, a.size(), DeviceStorage.pointer(a),
                DeviceStorage.pointer(b), partials);
        return finishSum(blocks);
    }

    private double finishSum(int blocks) {
        kernels.launchGrid(Kernel.FINISH_SUM, 1, Kernels.THREADS, (long) blocks, partials, reduced);
        PinnedStaging.Slot slot = staging.acquire(8);
        Status.driver(JCudaDriver.cuMemcpyDtoHAsync(slot.pointer(), reduced, 8, device.stream), "cuMemcpyDtoHAsync");
        awaitStream();
        return slot.buffer(8).getDouble(0);
    }

    /** Waits for the queued work, then reports a bad token id an embedding kernel met meanwhile. */
    private void awaitStream() {
        device.synchronize();
        embedding.afterWait();
    }

    /** Row-major C = alpha op(A) op(B) + beta C as cuBLAS's column-major C^T = op(B)^T op(A)^T. */
    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Checks.gemmOperands(transA, transB, a, b, c);
        int m = c.shape().dim(0);
        int n = c.shape().dim(1);
        int k = a.shape().dim(transA ? 0 : 1);
        floats(a, b, c);
        if (m == 0 || n == 0) {
            return;
        }
        device.makeCurrent();
        Status.cublas(JCublas2.cublasSgemm(cublas,
                transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                n, m, k, Pointer.to(new float[] {(float) alpha}),
                DeviceStorage.pointer(b), b.shape().dim(1),
                DeviceStorage.pointer(a), a.shape().dim(1),
                Pointer.to(new float[] {(float) beta}), DeviceStorage.pointer(c), n), "cublasSgemm");
    }

    @Override
    public void fillUniform(Tensor t, RngStream rng, double low, double high) {
        floats(t);
        long start = rng.reserve(RngStream.blocksFor(t.size()));
        kernels.launch(Kernel.UNIFORM, RngStream.blocksFor(t.size()), t.size(), start, rng.key0(), rng.key1(), low, high,
                DeviceStorage.pointer(t));
    }

    @Override
    public void synchronize() {
        device.makeCurrent();
        awaitStream();
    }

    @Override
    public FusedOps ops() {
        return ops;
    }

    @Override
    public void close() {
        device.makeCurrent();
        device.synchronize();
        conv.close();
        activation.close();
        softmaxCrossEntropy.close();
        embedding.close();
        memory.release(partials, 8L * kernels.maxBlocks());
        memory.release(reduced, 8);
        JCudnn.cudnnDestroy(cudnn);
        JCublas2.cublasDestroy(cublas);
        staging.close();
        kernels.close();
        memory.close();
        device.close();
    }

    /** Checks that every tensor is a FLOAT32 tensor of this backend. */
    static void floats(Tensor... ts) {
        for (Tensor t : ts) {
            expect(t, DType.FLOAT32);
        }
    }

    static void expect(Tensor t, DType dtype) {
        if (t.dtype() != dtype) {
            throw new IllegalArgumentException("expected a " + dtype + " tensor, got " + t);
        }
        DeviceStorage.pointer(t);
    }

    private static long bytes(Tensor t) {
        return t.size() * t.dtype().bytes();
    }
}
