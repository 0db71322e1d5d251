package rosetta.cuda;

import java.util.List;

/**
 * The backend's own kernels: the PTX module (a file under {@code rosetta/cuda/ptx/}, built from
 * {@code src/main/cuda/<module>.cu}), the entry point, and the parameter list in the order of the
 * {@code .cu} signature. {@link Kernels#launch} checks every call's arguments against it, and
 * KernelSignatureTest checks it against the {@code .param} list of the committed PTX, so an argument
 * out of order fails on the CPU build rather than on the GPU.
 */
enum Kernel {
    AXPBY("elementwise", "axpby_f32", Param.I64, Param.F64, Param.PTR, Param.F64, Param.PTR),
    MULTIPLY("elementwise", "multiply_f32", Param.I64, Param.PTR, Param.PTR, Param.PTR),
    BIAS_FORWARD("elementwise", "bias_forward_f32", Param.I64, Param.I32, Param.I64, Param.PTR, Param.PTR),
    BIAS_BACKWARD("elementwise", "bias_backward_f32", Param.I64, Param.I32, Param.I64, Param.PTR, Param.PTR),
    PERMUTE("elementwise", "permute_b32", Param.I64, Param.PERMUTATION, Param.PTR, Param.PTR),
    SUM("reduce", "sum_f32", Param.I64, Param.PTR, Param.PTR),
    DOT("reduce", "dot_f32", Param.I64, Param.PTR, Param.PTR, Param.PTR),
    FINISH_SUM("reduce", "finish_sum", Param.I64, Param.PTR, Param.PTR),
    UNIFORM("random", "uniform_f32", Param.I64, Param.I64, Param.I32, Param.I32, Param.F64, Param.F64, Param.PTR),
    DROPOUT_FORWARD("random", "dropout_forward_f32", Param.I64, Param.I64, Param.I32, Param.I32, Param.F32,
            Param.F64, Param.PTR, Param.PTR, Param.PTR),
    SGD_MOMENTUM("optimizer", "sgd_momentum_f32", Param.I64, Param.I32, Param.F64, Param.F64, Param.F64, Param.F64,
            Param.PTR, Param.PTR, Param.PTR),
    ADAM("optimizer", "adam_f32", Param.I64, Param.F64, Param.F64, Param.F64, Param.F64, Param.F64, Param.F64, Param.F64,
            Param.F64, Param.PTR, Param.PTR, Param.PTR, Param.PTR),
    EMBEDDING_FORWARD("embedding", "embedding_forward_f32", Param.I64, Param.I32, Param.I32, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR),
    EMBEDDING_BACKWARD("embedding", "embedding_backward_f32", Param.I64, Param.I32, Param.I32, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR),
    GRU_GATES("gru", "gru_gates_f32", Param.GRU_SHAPE, Param.I32, Param.PTR, Param.PTR, Param.PTR, Param.PTR, Param.PTR,
            Param.PTR),
    GRU_CANDIDATE("gru", "gru_candidate_f32", Param.GRU_SHAPE, Param.I32, Param.PTR, Param.PTR, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR, Param.PTR),
    GRU_BACKWARD_UPDATE("gru", "gru_backward_update_f32", Param.GRU_SHAPE, Param.I32, Param.PTR, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR, Param.PTR, Param.PTR, Param.PTR),
    GRU_BACKWARD_RESET("gru", "gru_backward_reset_f32", Param.GRU_SHAPE, Param.I32, Param.PTR, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR, Param.PTR),
    ADD_ROW_SUMS("gru", "add_row_sums_f32", Param.I64, Param.I64, Param.PTR, Param.PTR),
    SOFTMAX_CE_FORWARD("softmax_cross_entropy", "softmax_ce_forward_f32", Param.I64, Param.I32, Param.PTR, Param.PTR,
            Param.PTR, Param.F64, Param.PTR, Param.PTR),
    SOFTMAX_CE_LOSS("softmax_cross_entropy", "softmax_ce_loss_f32", Param.I64, Param.PTR, Param.F64, Param.PTR),
    SOFTMAX_CE_BACKWARD("softmax_cross_entropy", "softmax_ce_backward_f32", Param.I64, Param.I32, Param.PTR,
            Param.PTR, Param.PTR, Param.F64, Param.F64, Param.PTR);

    /** Kernel parameter kinds: how a Java argument is passed and what PTX declares for it. */
    enum Param {
        /** A device address ({@code jcuda.Pointer}; {@link Kernels#NULL} for a null pointer): PTX .u64. */
        PTR(".u64", 8),
        /** {@code long} (also unsigned 64-bit counters): PTX .u64. */
        I64(".u64", 8),
        /** {@code int} (also unsigned 32-bit keys): PTX .u32. */
        I32(".u32", 4),
        F32(".f32", 4),
        F64(".f64", 8),
        /** elementwise.cu's {@code struct Permutation}: 17 {@code long}s passed by value, PTX .b8[136]. */
        PERMUTATION(".b8", 136),
        /** gru.cu's {@code struct GruShape}: 7 {@code int}s passed by value, PTX .b8[28]. */
        GRU_SHAPE(".b8", 28);

        final String ptxType;
        final int bytes;

        Param(String ptxType, int bytes) {
            this.ptxType = ptxType;
            this.bytes = bytes;
        }

        /** A struct passed by value, which PTX declares as {@code .b8 name[bytes]}. */
        boolean struct() {
            return ptxType.equals(".b8");
        }
    }

    final String module;
    final String entry;
    final List<Param> params;

    Kernel(String module, String entry, Param... params) {
        this.module = module;
        this.entry = entry;
        this.params = List.of(params);
    }
}
