// Elementwise primitives of the backend. Arithmetic is done in double and rounded once to float, as
// the CPU reference (rosetta.tensor.cpu.CpuBackend) does, so both backends give the same bits.

extern "C" __global__ void axpby_f32(long long n, double alpha, const float *x, double beta, float *y)
{
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        // beta == 0 overwrites y without reading it, so y may hold NaN or garbage (CpuBackend.axpby)
        y[i] = (float) (alpha * x[i] + (beta == 0.0 ? 0.0 : beta * y[i]));
    }
}

extern "C" __global__ void multiply_f32(long long n, const float *a, const float *b, float *out)
{
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        // the product of two floats is exact in double, so this equals the CPU's double product rounded
        out[i] = a[i] * b[i];
    }
}

// bias[(i / inner) % channels] added to y[i]: a bias vector along one axis of a row-major tensor
// split as [outer, channels, inner] (CpuBias).
extern "C" __global__ void bias_forward_f32(long long n, int channels, long long inner, const float *bias, float *y)
{
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        y[i] = (float) ((double) y[i] + (double) bias[(i / inner) % channels]);
    }
}

// One block per channel sums dy over outer and inner in double, in a fixed order (deterministic).
extern "C" __global__ void bias_backward_f32(long long outer, int channels, long long inner, const float *dy, float *dbias)
{
    __shared__ double partial[256];
    int c = blockIdx.x;
    long long count = outer * inner;
    double acc = 0.0;
    for (long long j = threadIdx.x; j < count; j += blockDim.x) {
        long long o = j / inner;
        long long k = j - o * inner;
        acc += dy[(o * channels + c) * inner + k];
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
        dbias[c] = (float) partial[0];
    }
}

// Axis permutation of 32-bit elements (float or int): axis d of the output is axis axes[d] of the
// input. inStrides[d] is the input stride of that axis, so the input offset is sum(index[d] * inStrides[d]).
struct Permutation {
    long long rank;
    long long outDims[8];
    long long inStrides[8];
};

extern "C" __global__ void permute_b32(long long n, Permutation p, const unsigned int *x, unsigned int *y)
{
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        long long rest = i;
        long long src = 0;
        for (int d = (int) p.rank - 1; d >= 0; d--) {
            long long index = rest % p.outDims[d];
            rest /= p.outDims[d];
            src += index * p.inStrides[d];
        }
        y[i] = x[src];
    }
}
