package rosetta.cuda;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import jcuda.driver.CUdeviceptr;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnDirectionMode;
import jcuda.jcudnn.cudnnDropoutDescriptor;
import jcuda.jcudnn.cudnnForwardMode;
import jcuda.jcudnn.cudnnMathType;
import jcuda.jcudnn.cudnnRNNAlgo;
import jcuda.jcudnn.cudnnRNNBiasMode;
import jcuda.jcudnn.cudnnRNNDataDescriptor;
import jcuda.jcudnn.cudnnRNNDataLayout;
import jcuda.jcudnn.cudnnRNNDescriptor;
import jcuda.jcudnn.cudnnRNNInputMode;
import jcuda.jcudnn.cudnnRNNMode;
import jcuda.jcudnn.cudnnTensorDescriptor;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;

/**
 * A GRU in cuDNN's form prepared for cuDNN's v8 RNN API: the RNN, data and state descriptors, cuDNN's
 * packed weight space and a gradient space of the same layout, the work and reserve spaces (the reserve
 * holds what forward saves for backward), and the address of every weight block in both spaces.
 *
 * <p>cuDNN's GRU has six linear layers (cudnnGetRNNWeightParams): 0, 1, 2 multiply the input for the reset
 * gate, the update gate and the candidate ("new memory"), 3, 4, 5 the previous state for the same three,
 * each a row-major [H, I] or [H, H] matrix with an [H] bias. The engine's weight_ih [3H, I] and weight_hh
 * [3H, H] hold the same blocks, in GateOrder; {@link CudnnGru} copies them block by block, so either gate
 * order runs on cuDNN.
 */
final class CudnnGruPlan implements GruPlan {
    /** CUDNN_RNN_PADDED_IO_ENABLED (cudnn_adv.h), which the unpacked, batch-major layout of x and y requires. */
    private static final int PADDED_IO_ENABLED = 1;
    /** cuDNN's linear layers of a GRU: the input side 0..2 and the recurrent side 3..5, each r, z, n. */
    static final int LINEAR_LAYERS = 6;

    private final CudaBackend backend;
    private final GruSpec spec;
    private final int batch;
    private final int steps;
    final cudnnDropoutDescriptor dropout = new cudnnDropoutDescriptor();
    final cudnnRNNDescriptor rnn = new cudnnRNNDescriptor();
    /** x [N, T, I] and y [N, T, H], batch-major as the engine's tensors. */
    final cudnnRNNDataDescriptor x = new cudnnRNNDataDescriptor();
    final cudnnRNNDataDescriptor y = new cudnnRNNDataDescriptor();
    /** h0 and its gradient, [1, N, H] (one layer, one direction). */
    final cudnnTensorDescriptor h = new cudnnTensorDescriptor();
    /** Every sequence's length (T), INT32 [N] in GPU memory, as cuDNN's devSeqLengths must be. */
    final Tensor lengths;
    final long weightBytes;
    final long workBytes;
    final long reserveBytes;
    final CUdeviceptr weights;
    final CUdeviceptr weightGrads;
    final CUdeviceptr work;
    final CUdeviceptr reserve;
    /** Per linear layer: the matrix and bias in the weight space, and in the gradient space. */
    final CUdeviceptr[] matrix = new CUdeviceptr[LINEAR_LAYERS];
    final CUdeviceptr[] bias = new CUdeviceptr[LINEAR_LAYERS];
    final CUdeviceptr[] matrixGrad = new CUdeviceptr[LINEAR_LAYERS];
    final CUdeviceptr[] biasGrad = new CUdeviceptr[LINEAR_LAYERS];
    /** Undoes what the constructor created, newest first. */
    private final Deque<Runnable> release = new ArrayDeque<>();
    /** dx for a backward that wants none (cuDNN writes it anyway); allocated on first need. */
    private Tensor unusedInputGrad;
    private boolean forwarded;

    CudnnGruPlan(CudaBackend backend, GruSpec spec, int batch, int steps) {
        this.backend = backend;
        this.spec = spec;
        this.batch = batch;
        this.steps = steps;
        int in = spec.inputSize();
        int hidden = spec.hiddenSize();
        int[] sequenceLengths = new int[batch];
        Arrays.fill(sequenceLengths, steps);
        try {
            this.lengths = backend.allocate(DType.INT32, Shape.of(batch));
            release.push(lengths::close);
            backend.copyFromHost(sequenceLengths, 0, lengths);
            // one layer has no dropout; a descriptor without states is PyTorch's set_no_dropout
            // (aten/src/ATen/cudnn/Descriptors.h)
            Status.cudnn(JCudnn.cudnnCreateDropoutDescriptor(dropout), "cudnnCreateDropoutDescriptor");
            release.push(() -> Status.cudnn(JCudnn.cudnnDestroyDropoutDescriptor(dropout), "cudnnDestroyDropoutDescriptor"));
            Status.cudnn(JCudnn.cudnnSetDropoutDescriptor(dropout, backend.cudnn, 0f, Kernels.NULL, 0, 0),
                    "cudnnSetDropoutDescriptor");
            Status.cudnn(JCudnn.cudnnCreateRNNDescriptor(rnn), "cudnnCreateRNNDescriptor");
            release.push(() -> Status.cudnn(JCudnn.cudnnDestroyRNNDescriptor(rnn), "cudnnDestroyRNNDescriptor"));
            // TF32 as for convolutions: PyTorch's RNNDescriptor::set takes allow_tf32 from
            // torch.backends.cudnn.allow_tf32 (default True) and asks for FMA math when it is off
            int math = backend.tf32() ? cudnnMathType.CUDNN_DEFAULT_MATH : cudnnMathType.CUDNN_FMA_MATH;
            Status.cudnn(JCudnn.cudnnSetRNNDescriptor_v8(rnn, cudnnRNNAlgo.CUDNN_RNN_ALGO_STANDARD,
                    cudnnRNNMode.CUDNN_GRU, cudnnRNNBiasMode.CUDNN_RNN_DOUBLE_BIAS,
                    cudnnDirectionMode.CUDNN_UNIDIRECTIONAL, cudnnRNNInputMode.CUDNN_LINEAR_INPUT,
                    cudnnDataType.CUDNN_DATA_FLOAT, cudnnDataType.CUDNN_DATA_FLOAT, math, in, hidden, hidden, 1, dropout,
                    PADDED_IO_ENABLED), "cudnnSetRNNDescriptor_v8(GRU " + in + " -> " + hidden + ")");
            sequenceData(x, in, sequenceLengths);
            sequenceData(y, hidden, sequenceLengths);
            Status.cudnn(JCudnn.cudnnCreateTensorDescriptor(h), "cudnnCreateTensorDescriptor");
            release.push(() -> Descriptors.destroy(h));
            Status.cudnn(JCudnn.cudnnSetTensorNdDescriptor(h, cudnnDataType.CUDNN_DATA_FLOAT, 3,
                    new int[] {1, batch, hidden}, new int[] {batch * hidden, hidden, 1}), "cudnnSetTensorNdDescriptor");
            long[] size = new long[1];
            Status.cudnn(JCudnn.cudnnGetRNNWeightSpaceSize(backend.cudnn, rnn, size), "cudnnGetRNNWeightSpaceSize");
            this.weightBytes = size[0];
            long[] reserveSize = new long[1];
            Status.cudnn(JCudnn.cudnnGetRNNTempSpaceSizes(backend.cudnn, rnn, cudnnForwardMode.CUDNN_FWD_MODE_TRAINING,
                    x, size, reserveSize), "cudnnGetRNNTempSpaceSizes");
            this.workBytes = size[0];
            this.reserveBytes = reserveSize[0];
            this.weights = allocate(weightBytes);
            this.weightGrads = allocate(weightBytes);
            this.work = allocate(workBytes);
            this.reserve = allocate(reserveBytes);
            for (int layer = 0; layer < LINEAR_LAYERS; layer++) {
                long elements = (long) hidden * (layer < 3 ? in : hidden);
                matrix[layer] = new CUdeviceptr();
                bias[layer] = new CUdeviceptr();
                matrixGrad[layer] = new CUdeviceptr();
                biasGrad[layer] = new CUdeviceptr();
                locate(weights, layer, matrix[layer], bias[layer], elements);
                locate(weightGrads, layer, matrixGrad[layer], biasGrad[layer], elements);
            }
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private CUdeviceptr allocate(long bytes) {
        CUdeviceptr p = backend.memory.allocate(bytes);
        release.push(() -> backend.memory.release(p, bytes));
        return p;
    }

    /** Every sequence of the batch has all {@code steps} steps: no padding is ever read or written. */
    private void sequenceData(cudnnRNNDataDescriptor d, int vectorSize, int[] sequenceLengths) {
        Status.cudnn(JCudnn.cudnnCreateRNNDataDescriptor(d), "cudnnCreateRNNDataDescriptor");
        release.push(() -> Status.cudnn(JCudnn.cudnnDestroyRNNDataDescriptor(d), "cudnnDestroyRNNDataDescriptor"));
        Status.cudnn(JCudnn.cudnnSetRNNDataDescriptor(d, cudnnDataType.CUDNN_DATA_FLOAT,
                cudnnRNNDataLayout.CUDNN_RNN_DATA_LAYOUT_BATCH_MAJOR_UNPACKED, steps, batch, vectorSize, sequenceLengths,
                Kernels.NULL), "cudnnSetRNNDataDescriptor(" + batch + " x " + steps + " x " + vectorSize + ")");
    }

    /**
     * Where linear layer {@code layer}'s matrix and bias lie in {@code space}. cuDNN describes each as a
     * tensor; its element count must be what the engine copies ({@code matrixElements} and H), or the
     * copies would be wrong, so a mismatch stops here.
     */
    private void locate(CUdeviceptr space, int layer, CUdeviceptr matrixAt, CUdeviceptr biasAt, long matrixElements) {
        cudnnTensorDescriptor m = new cudnnTensorDescriptor();
        cudnnTensorDescriptor b = new cudnnTensorDescriptor();
        Status.cudnn(JCudnn.cudnnCreateTensorDescriptor(m), "cudnnCreateTensorDescriptor");
        try {
            Status.cudnn(JCudnn.cudnnCreateTensorDescriptor(b), "cudnnCreateTensorDescriptor");
            try {
                Status.cudnn(JCudnn.cudnnGetRNNWeightParams(backend.cudnn, rnn, 0, weightBytes, space, layer, m,
                        matrixAt, b, biasAt), "cudnnGetRNNWeightParams(linear layer " + layer + ")");
                expectElements(m, matrixElements, "matrix", layer);
                expectElements(b, spec.hiddenSize(), "bias", layer);
            } finally {
                Descriptors.destroy(b);
            }
        } finally {
            Descriptors.destroy(m);
        }
    }

    private static void expectElements(cudnnTensorDescriptor d, long expected, String what, int layer) {
        int[] dataType = new int[1];
        int[] rank = new int[1];
        int[] dims = new int[3];
        Status.cudnn(JCudnn.cudnnGetTensorNdDescriptor(d, dims.length, dataType, rank, dims, new int[dims.length]),
                "cudnnGetTensorNdDescriptor");
        long elements = rank[0] == 0 ? 0 : 1;
        for (int i = 0; i < Math.min(rank[0], dims.length); i++) {
            elements *= dims[i];
        }
        if (rank[0] > dims.length || elements != expected) {
            throw new CudaFailure("cuDNN lays out the GRU's linear layer " + layer + " " + what + " as "
                    + Arrays.toString(Arrays.copyOf(dims, Math.min(rank[0], dims.length))) + " (rank " + rank[0]
                    + "), not the " + expected + " elements the engine's weights hold");
        }
    }

    /** dx for cuDNN when the caller passes none. */
    Tensor unusedInputGrad() {
        if (unusedInputGrad == null) {
            unusedInputGrad = backend.allocate(DType.FLOAT32, inputShape());
        }
        return unusedInputGrad;
    }

    void markForwarded() {
        forwarded = true;
    }

    boolean forwarded() {
        return forwarded;
    }

    @Override
    public GruSpec spec() {
        return spec;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    /** Frees what the constructor got to, newest first, so that a failed plan leaks nothing either. */
    @Override
    public void close() {
        backend.device.makeCurrent();
        if (unusedInputGrad != null) {
            unusedInputGrad.close();
            unusedInputGrad = null;
        }
        while (!release.isEmpty()) {
            release.pop().run();
        }
    }

    @Override
    public String toString() {
        return "cuda GRU plan (cuDNN) " + spec + " batch " + batch + " steps " + steps;
    }
}
