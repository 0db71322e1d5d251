package rosetta.tensor.cpu;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * SGEMM by OpenBLAS (org.bytedeco:openblas), reading the tensors' direct buffers in place. OpenBLAS runs
 * single-threaded ({@link OpenBlas#load}): the backend's own threads call it concurrently, one instance
 * each. A call allocates nothing: the three pointers handed to the library are reused, re-aimed at each
 * call's matrices.
 */
public final class OpenBlasSgemm implements Sgemm {
    private final Slot a = new Slot();
    private final Slot b = new Slot();
    private final Slot c = new Slot();

    /** Loads OpenBLAS on first use; fails with a one-line reason where it cannot load. */
    public OpenBlasSgemm() {
        OpenBlas.require();
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            FloatBuffer ab, int aOffset, int lda, FloatBuffer bb, int bOffset, int ldb,
            float beta, FloatBuffer cb, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        // BLAS requires a leading dimension of at least 1 even for an empty operand
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                alpha, a.at(ab, aOffset), Math.max(1, lda), b.at(bb, bOffset), Math.max(1, ldb),
                beta, c.at(cb, cOffset), Math.max(1, ldc));
    }

    /** A float pointer that is re-aimed instead of re-created, so that calls allocate nothing. */
    private static final class Slot extends FloatPointer {
        Slot at(Buffer buffer, int elementOffset) {
            long base = getDirectBufferAddress(buffer);
            if (base == 0) {
                throw new IllegalArgumentException("OpenBLAS reads direct buffers only; got a heap buffer");
            }
            address = base + 4L * elementOffset;
            return this;
        }
    }
}
