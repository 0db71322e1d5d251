package rosetta.tensor.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;
import java.util.function.Supplier;
import rosetta.tensor.Backend;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.ActivationOps;
import rosetta.tensor.ops.BiasOps;
import rosetta.tensor.ops.ConvOps;
import rosetta.tensor.ops.DropoutOps;
import rosetta.tensor.ops.EmbeddingOps;
import rosetta.tensor.ops.FusedOps;
import rosetta.tensor.ops.GruOps;
import rosetta.tensor.ops.LayoutOps;
import rosetta.tensor.ops.OptimizerOps;
import rosetta.tensor.ops.PoolOps;
import rosetta.tensor.ops.SoftmaxCrossEntropyOps;
import rosetta.tensor.random.Philox;
import rosetta.tensor.random.RngStream;

/**
 * The embedded backend: tensors in host memory, plain loops as the reference for every op, and fast
 * paths (GEMM, im2col convolution) where the tensors are FLOAT32.
 */
public final class CpuBackend implements Backend, FusedOps {
    private final ThreadLocal<Sgemm> sgemm;
    private final String sgemmName;
    private final CpuConv conv;
    private final CpuPool pool = new CpuPool();
    private final CpuActivation activation = new CpuActivation();
    private final CpuDropout dropout = new CpuDropout();
    private final CpuSoftmaxCrossEntropy softmaxCrossEntropy = new CpuSoftmaxCrossEntropy();
    private final CpuBias bias = new CpuBias();
    private final CpuLayout layout = new CpuLayout();
    private final CpuOptimizer optimizer = new CpuOptimizer();
    private final CpuGru gru = new CpuGru(this);
    private final CpuEmbedding embedding = new CpuEmbedding();

    public CpuBackend() {
        this(BlockedSgemm::new);
    }

    /** A backend whose FLOAT32 GEMMs run on {@code sgemmFactory}'s kernels (one instance per thread). */
    public CpuBackend(Supplier<Sgemm> sgemmFactory) {
        this.sgemm = ThreadLocal.withInitial(sgemmFactory);
        this.sgemmName = sgemmFactory.get().name();
        this.conv = new CpuConv(this, sgemm::get, List.of(new Im2colGemmConv()));
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "cpu: " + Runtime.getRuntime().availableProcessors() + " cores, sgemm " + sgemmName;
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
        switch (src.dtype()) {
            case FLOAT32 -> {
                FloatBuffer to = CpuStorage.floats(dst).duplicate().position((int) dst.offset());
                to.put(CpuStorage.floats(src).duplicate().position((int) src.offset()).limit((int) src.offset() + n));
            }
            case FLOAT64 -> {
                DoubleBuffer to = CpuStorage.doubles(dst).duplicate().position((int) dst.offset());
                to.put(CpuStorage.doubles(src).duplicate().position((int) src.offset()).limit((int) src.offset() + n));
            }
            case INT32 -> {
                IntBuffer to = CpuStorage.ints(dst).duplicate().position((int) dst.offset());
                to.put(CpuStorage.ints(src).duplicate().position((int) src.offset()).limit((int) src.offset() + n));
            }
        }
    }

    @Override
    public void fill(Tensor t, double value) {
        if (t.dtype() == DType.INT32) {
            IntBuffer ints = CpuStorage.ints(t);
            for (int i = 0; i < t.length(); i++) {
                ints.put((int) t.offset() + i, (int) value);
            }
            return;
        }
        Elements e = Elements.of(t);
        for (int i = 0; i < e.length; i++) {
            e.set(i, value);
        }
    }

    @Override
    public void axpby(double alpha, Tensor xt, double beta, Tensor yt) {
        Checks.sameSize(xt, yt);
        Elements x = Elements.of(xt);
        Elements y = Elements.of(yt);
        for (int i = 0; i < x.length; i++) {
            y.set(i, alpha * x.get(i) + (beta == 0 ? 0 : beta * y.get(i)));
        }
    }

    @Override
    public void multiply(Tensor at, Tensor bt, Tensor outt) {
        Checks.sameSize(at, bt);
        Checks.sameSize(at, outt);
        Elements a = Elements.of(at);
        Elements b = Elements.of(bt);
        Elements out = Elements.of(outt);
        for (int i = 0; i < a.length; i++) {
            out.set(i, a.get(i) * b.get(i));
        }
    }

    @Override
    public double sum(Tensor xt) {
        Elements x = Elements.of(xt);
        double acc = 0;
        for (int i = 0; i < x.length; i++) {
            acc += x.get(i);
        }
        return acc;
    }

    @Override
    public double dot(Tensor at, Tensor bt) {
        Checks.sameSize(at, bt);
        Elements a = Elements.of(at);
        Elements b = Elements.of(bt);
        double acc = 0;
        for (int i = 0; i < a.length; i++) {
            acc += a.get(i) * b.get(i);
        }
        return acc;
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Checks.rank(a, 2, "gemm A");
        Checks.rank(b, 2, "gemm B");
        Checks.rank(c, 2, "gemm C");
        int m = a.shape().dim(transA ? 1 : 0);
        int k = a.shape().dim(transA ? 0 : 1);
        int kb = b.shape().dim(transB ? 1 : 0);
        int n = b.shape().dim(transB ? 0 : 1);
        if (k != kb || c.shape().dim(0) != m || c.shape().dim(1) != n) {
            throw new IllegalArgumentException("gemm shapes do not chain: A" + a.shape() + (transA ? "^T" : "")
                    + " B" + b.shape() + (transB ? "^T" : "") + " C" + c.shape());
        }
        Checks.sameDType(a, b);
        Checks.sameDType(a, c);
        if (a.dtype() == DType.FLOAT32) {
            sgemm.get().sgemm(transA, transB, m, n, k, (float) alpha,
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
        return this;
    }

    @Override
    public ConvOps conv() {
        return conv;
    }

    @Override
    public PoolOps pool() {
        return pool;
    }

    @Override
    public ActivationOps activation() {
        return activation;
    }

    @Override
    public DropoutOps dropout() {
        return dropout;
    }

    @Override
    public SoftmaxCrossEntropyOps softmaxCrossEntropy() {
        return softmaxCrossEntropy;
    }

    @Override
    public BiasOps bias() {
        return bias;
    }

    @Override
    public LayoutOps layout() {
        return layout;
    }

    @Override
    public OptimizerOps optimizer() {
        return optimizer;
    }

    @Override
    public GruOps gru() {
        return gru;
    }

    @Override
    public EmbeddingOps embedding() {
        return embedding;
    }

    @Override
    public void close() {
    }
}
