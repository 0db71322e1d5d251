// Softmax cross-entropy over logits [n, classes], as rosetta.tensor.cpu.CpuSoftmaxCrossEntropy: labels
// are either class indices (sparse, int [n]) or a dense float [n, classes] target; exactly one of the
// two pointers is non-null. clip > 0 is Keras's clipped form (probabilities clipped to [clip, 1 - clip]
// before the log; a clipped probability passes no gradient). One thread per row: the class counts of
// the benchmark are small (10 and 2).

__device__ double target(const int *sparse, const float *dense, int classes, long long row, int c)
{
    return sparse != 0 ? (sparse[row] == c ? 1.0 : 0.0) : (double) dense[row * classes + c];
}

// probabilities = softmax(logits); rowLoss[row] = -sum_c y_c log p_c. A sparse label outside
// [0, classes) gives a NaN row loss (the host cannot be told from here without a synchronisation).
extern "C" __global__ void softmax_ce_forward_f32(long long n, int classes, const float *logits, const int *sparse,
        const float *dense, double clip, float *probabilities, double *rowLoss)
{
    for (long long row = blockIdx.x * (long long) blockDim.x + threadIdx.x; row < n; row += (long long) gridDim.x * blockDim.x) {
        const float *z = logits + row * classes;
        double max = -INFINITY;
        for (int c = 0; c < classes; c++) {
            max = fmax(max, (double) z[c]);
        }
        double sumExp = 0.0;
        for (int c = 0; c < classes; c++) {
            sumExp += exp(z[c] - max);
        }
        double logSum = log(sumExp);
        double total = 0.0;
        for (int c = 0; c < classes; c++) {
            double logP = z[c] - max - logSum;
            double p = exp(logP);
            probabilities[row * classes + c] = (float) p;
            double y = target(sparse, dense, classes, row, c);
            if (y != 0.0) {
                total -= y * (clip > 0.0 ? log(fmin(fmax(p, clip), 1.0 - clip)) : logP);
            }
        }
        if (sparse != 0 && (sparse[row] < 0 || sparse[row] >= classes)) {
            total = NAN;
        }
        rowLoss[row] = total;
    }
}

// One block: loss[0] = scale * sum of the row losses (scale = 1/n for MEAN, 1 for SUM).
extern "C" __global__ void softmax_ce_loss_f32(long long n, const double *rowLoss, double scale, float *loss)
{
    __shared__ double partial[256];
    double acc = 0.0;
    for (long long i = threadIdx.x; i < n; i += blockDim.x) {
        acc += rowLoss[i];
    }
    partial[threadIdx.x] = acc;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (threadIdx.x < stride) {
            partial[threadIdx.x] += partial[threadIdx.x + stride];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        loss[0] = (float) (scale * partial[0]);
    }
}

// dLogits = scale * (p * unclippedMass - y [unclipped]), as CpuSoftmaxCrossEntropy.backward.
extern "C" __global__ void softmax_ce_backward_f32(long long n, int classes, const float *probabilities,
        const int *sparse, const float *dense, double clip, double scale, float *dLogits)
{
    for (long long row = blockIdx.x * (long long) blockDim.x + threadIdx.x; row < n; row += (long long) gridDim.x * blockDim.x) {
        const float *p = probabilities + row * classes;
        double unclippedMass = 0.0;
        for (int c = 0; c < classes; c++) {
            if (clip == 0.0 || (p[c] >= clip && p[c] <= 1.0 - clip)) {
                unclippedMass += target(sparse, dense, classes, row, c);
            }
        }
        for (int c = 0; c < classes; c++) {
            double pk = p[c];
            double own = clip == 0.0 || (pk >= clip && pk <= 1.0 - clip) ? target(sparse, dense, classes, row, c) : 0.0;
            dLogits[row * classes + c] = (float) (scale * (pk * unclippedMass - own));
        }
    }
}
