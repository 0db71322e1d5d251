package rosetta.cuda.check;

import rosetta.tensor.Backend;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * The embedding against the CPU: the gather, and the scatter-add with ids that repeat within a warp's 32
 * and across many of them (a padding id 0 leads every sequence, as in the benchmark's pre-padded IMDB
 * reviews), exactly, as the CUDA gradient sums in the CPU's order; and an id outside the vocabulary,
 * which the CPU refuses at once and CUDA reports at the next wait, in the same words.
 */
final class EmbeddingCheck {
    private static final int BATCH = 4;
    private static final int STEPS = 70;
    private static final int VOCABULARY = 13;

    private EmbeddingCheck() {
    }

    /**
     * Dimension 6 leaves most lanes of a warp idle, 37 gives some lanes two elements of a row, 150 needs two
     * passes of embedding_backward_f32's 128 elements.
     */
    static CheckResult repeatedIds(CudaOpChecks.Devices d, String name, int dim) {
        Comparison c = new Comparison(name);
        Shape idShape = Shape.of(BATCH, STEPS);
        Shape outShape = Shape.of(BATCH, STEPS, dim);
        Shape tableShape = Shape.of(VOCABULARY, dim);
        int[] ids = ids();
        float[] table = CudaOpChecks.uniform(VOCABULARY * dim, 60, 1);
        float[] dOut = CudaOpChecks.uniform(BATCH * STEPS * dim, 61, 1);
        float[] stale = CudaOpChecks.uniform(VOCABULARY * dim, 62, 1);
        try (TensorScope s = new TensorScope()) {
            Tensor cOut = s.zeros(d.cpu(), outShape);
            Tensor gOut = s.zeros(d.gpu(), outShape);
            d.cpu().ops().embedding().forward(s.ints(d.cpu(), idShape, ids), s.floats(d.cpu(), tableShape, table), cOut);
            d.gpu().ops().embedding().forward(s.ints(d.gpu(), idShape, ids), s.floats(d.gpu(), tableShape, table), gOut);
            c.close("out", cOut.toFloatArray(), gOut.toFloatArray(), 0, 0);
            // the gradient overwrites whatever the table gradient held
            Tensor cdTable = s.floats(d.cpu(), tableShape, stale);
            Tensor gdTable = s.floats(d.gpu(), tableShape, stale);
            d.cpu().ops().embedding().backward(s.ints(d.cpu(), idShape, ids), s.floats(d.cpu(), outShape, dOut), cdTable);
            d.gpu().ops().embedding().backward(s.ints(d.gpu(), idShape, ids), s.floats(d.gpu(), outShape, dOut), gdTable);
            c.close("dTable, summed in the CPU's order", cdTable.toFloatArray(), gdTable.toFloatArray(), 0, 0);
        }
        return c.result();
    }

    /**
     * An id of 13 in a table of 13 rows, in forward and in backward: the same message on both backends
     * (CUDA's at the synchronisation that follows), once, and the backend goes on working after it.
     */
    static CheckResult badId(CudaOpChecks.Devices d) {
        Comparison c = new Comparison("embedding/bad-id-reported");
        int[] ids = ids();
        ids[2 * STEPS + 5] = VOCABULARY;
        ids[3 * STEPS + 1] = -7;
        try (TensorScope s = new TensorScope()) {
            String expected = refusal(d.cpu(), s, ids, true);
            c.note(expected);
            for (boolean forward : new boolean[] {true, false}) {
                String pass = forward ? "forward" : "backward";
                String cpu = refusal(d.cpu(), s, ids, forward);
                String gpu = refusal(d.gpu(), s, ids, forward);
                if (cpu == null || !cpu.equals(expected)) {
                    c.fail("the cpu " + pass + " said " + cpu + ", expected " + expected);
                }
                if (gpu == null || !gpu.equals(expected)) {
                    c.fail("the cuda " + pass + " said " + gpu + ", expected " + expected);
                }
                try {
                    d.gpu().synchronize();
                } catch (IllegalArgumentException e) {
                    c.fail("the bad id of the " + pass + " was reported twice: " + e.getMessage());
                }
            }
        }
        return c.result();
    }

    /** The message of the IllegalArgumentException that a lookup (or gradient) of the ids causes, or null. */
    private static String refusal(Backend b, TensorScope s, int[] ids, boolean forward) {
        int dim = 3;
        Tensor idTensor = s.ints(b, Shape.of(BATCH, STEPS), ids);
        Tensor table = s.floats(b, Shape.of(VOCABULARY, dim), CudaOpChecks.uniform(VOCABULARY * dim, 63, 1));
        Tensor rows = s.zeros(b, Shape.of(BATCH, STEPS, dim));
        try {
            if (forward) {
                b.ops().embedding().forward(idTensor, table, rows);
            } else {
                b.ops().embedding().backward(idTensor, rows, table);
            }
            b.synchronize();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Sequence n: 10 n leading padding ids (0), then ids drawn from the whole vocabulary. */
    private static int[] ids() {
        RngStream rng = RngStream.seeded(64);
        int[] ids = new int[BATCH * STEPS];
        for (int n = 0; n < BATCH; n++) {
            for (int t = 10 * n; t < STEPS; t++) {
                ids[n * STEPS + t] = rng.nextInt(VOCABULARY);
            }
        }
        return ids;
    }
}
