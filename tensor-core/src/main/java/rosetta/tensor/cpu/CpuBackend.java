package rosetta.tensor.cpu;

import java.util.function.Supplier;
import rosetta.tensor.Backend;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.FusedOps;
import rosetta.tensor.ops.OpFamilies;
import rosetta.tensor.random.Philox;
import rosetta.tensor.random.RngStream;

/**
 * The embedded backend: tensors in host memory, plain loops as the reference for every op, and fast
 * FLOAT32 paths (a native or Java GEMM, im2col / Winograd / direct convolution, allocation-free
 * elementwise loops) spread over a fixed set of threads. Results are bit-identical for the same thread
 * count. A backend runs one op at a time: calls from several threads at once must be serialised by the
 * caller.
 */
public final class CpuBackend implements Backend {
    private final CpuThreads threads;
    private final Sgemm[] sgemm;
    private final ThreadedSgemm gemm;
    private final CpuElementwise elementwise;
    private final FusedOps ops;

    /** OpenBLAS on every core: the fastest combination measured (see {@code rosetta.tensor.cpu.bench.CpuBench}). */
    public CpuBackend() {
        this(OpenBlasSgemm::new, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A backend on {@code threads} threads whose FLOAT32 GEMMs run on {@code sgemmFactory}'s kernels, one
     * single-threaded kernel per thread ({@link OpenBlasSgemm} or {@link BlockedSgemm}).
     */
    public CpuBackend(Supplier<Sgemm> sgemmFactory, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the CPU backend needs at least one thread, got " + threads);
        }
        // the kernels first: one that cannot load its library fails before any thread starts
        this.sgemm = new Sgemm[threads];
        for (int i = 0; i < threads; i++) {
            this.sgemm[i] = sgemmFactory.get();
        }
        this.threads = new CpuThreads(threads);
        this.gemm = new ThreadedSgemm(sgemm, this.threads);
        this.elementwise = new CpuElementwise(this.threads);
        this.ops = new OpFamilies(new CpuConv(this, ConvAlgorithms.candidates(), ConvChoiceCache.fromSystem()),
                new CpuPool(), new CpuActivation(), new CpuDropout(), new CpuSoftmaxCrossEntropy(), new CpuBias(),
                new CpuLayout(), new CpuOptimizer(), new CpuGru(this), new CpuEmbedding());
    }

    /** The FLOAT32 GEMM kernel's name: {@code openblas} or {@code java-blocked}. */
    public String sgemmName() {
        return sgemm[0].name();
    }

    /** Threads the fast paths use. */
    public int threads() {
        return threads.count();
    }

    CpuThreads workers() {
        return threads;
    }

    /** The CPU backend that owns {@code t}'s memory. */
    static CpuBackend of(Tensor t) {
        CpuStorage.of(t);
        return (CpuBackend) t.backend();
    }

    /** The single-threaded GEMM kernel of each thread. */
    Sgemm[] kernels() {
        return sgemm;
    }

    /**
     * The FLOAT32 GEMM of {@link #gemm}, split over the threads, for operands that are not whole tensors
     * (a block of columns, a leading dimension wider than the rows). Call from the top level only.
     */
    Sgemm sgemm() {
        return gemm;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        String library = sgemm[0] instanceof OpenBlasSgemm ? " (" + OpenBlas.version() + ", one thread per call)" : "";
        return "cpu: " + threads.count() + " of " + Runtime.getRuntime().availableProcessors() + " cores, sgemm "
                + sgemm[0].name() + library;
    }

    @Override
    public Tensor allocate(DType dtype, Shape shape) {
        return new Tensor(this, new CpuStorage(dtype, shape.size()), 0, shape, true);
    }

    @Override
    public void copyFromHost(float[] src, int srcOffset, Tensor dst) {
        CpuStorage.floats(dst).put((int) dst.offset(), src, srcOffset, dst.length());
    }

    @Override
    public void copyFromHost(double[] src, int srcOffset, Tensor dst) {
        CpuStorage.doubles(dst).put((int) dst.offset(), src, srcOffset, dst.length());
    }

    @Override
    public void copyFromHost(int[] src, int srcOffset, Tensor dst) {
        CpuStorage.ints(dst).put((int) dst.offset(), src, srcOffset, dst.length());
    }

    @Override
    public void copyToHost(Tensor src, float[] dst, int dstOffset) {
        CpuStorage.floats(src).get((int) src.offset(), dst, dstOffset, src.length());
    }

    @Override
    public void copyToHost(Tensor src, double[] dst, int dstOffset) {
        CpuStorage.doubles(src).get((int) src.offset(), dst, dstOffset, src.length());
    }

    @Override
    public void copyToHost(Tensor src, int[] dst, int dstOffset) {
        CpuStorage.ints(src).get((int) src.offset(), dst, dstOffset, src.length());
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        Checks.sameSize(src, dst);
        Checks.sameDType(src, dst);
        int n = src.length();
        int from = (int) src.offset();
        int to = (int) dst.offset();
        // absolute bulk puts copy without a duplicate buffer, so a copy allocates nothing
        switch (src.dtype()) {
            case FLOAT32 -> CpuStorage.floats(dst).put(to, CpuStorage.floats(src), from, n);
            case FLOAT64 -> CpuStorage.doubles(dst).put(to, CpuStorage.doubles(src), from, n);
            case INT32 -> CpuStorage.ints(dst).put(to, CpuStorage.ints(src), from, n);
        }
    }

    @Override
    public void fill(Tensor t, double value) {
        elementwise.fill(t, value);
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        elementwise.axpby(alpha, x, beta, y);
    }

    @Override
    public void multiply(Tensor a, Tensor b, Tensor out) {
        elementwise.multiply(a, b, out);
    }

    @Override
    public double sum(Tensor x) {
        return elementwise.sum(x);
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return elementwise.dot(a, b);
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Checks.gemmOperands(transA, transB, a, b, c);
        int m = c.shape().dim(0);
        int n = c.shape().dim(1);
        int k = a.shape().dim(transA ? 0 : 1);
        Checks.sameDType(a, b);
        Checks.sameDType(a, c);
        if (a.dtype() == DType.FLOAT32) {
            gemm.sgemm(transA, transB, m, n, k, (float) alpha,
                    CpuStorage.floats(a), (int) a.offset(), a.shape().dim(1),
                    CpuStorage.floats(b), (int) b.offset(), b.shape().dim(1),
                    (float) beta, CpuStorage.floats(c), (int) c.offset(), n);
        } else {
            ReferenceGemm.gemm(transA, transB, m, n, k, alpha, Elements.of(a), Elements.of(b), beta, Elements.of(c));
        }
    }

    @Override
    public void fillUniform(Tensor t, RngStream rng, double low, double high) {
        Elements e = Elements.of(t);
        boolean single = t.dtype() == DType.FLOAT32;
        long words = single ? e.length : 2L * e.length;
        long start = rng.reserve(RngStream.blocksFor(words));
        int[] block = new int[4];
        long loaded = -1;
        for (int i = 0; i < e.length; i++) {
            long w = single ? i : 2L * i;
            if (w / 4 != loaded) {
                loaded = w / 4;
                long counter = start + loaded;
                Philox.block((int) counter, (int) (counter >>> 32), 0, 0, rng.key0(), rng.key1(), block);
            }
            // a double's two words are 2i and 2i+1, which share a block since 2i is even
            double u = single ? Philox.uniformFloat(block[(int) (w & 3)])
                    : Philox.uniformDouble(block[(int) (w & 3)], block[(int) ((w + 1) & 3)]);
            e.set(i, low + (high - low) * u);
        }
    }

    @Override
    public void synchronize() {
    }

    @Override
    public FusedOps ops() {
        return ops;
    }

    @Override
    public void close() {
        threads.close();
    }
}
