// Sums returned to the host. Each block accumulates a grid-strided share in double and writes one
// partial sum; finish_sum adds the partials in a fixed order. Sums therefore do not depend on timing,
// though their rounding differs from the CPU's left-to-right loop by a few ulps of the double result.

#define THREADS 256

__device__ void block_sum(double acc, double *out)
{
    __shared__ double partial[THREADS];
    partial[threadIdx.x] = acc;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (threadIdx.x < stride) {
            partial[threadIdx.x] += partial[threadIdx.x + stride];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        out[blockIdx.x] = partial[0];
    }
}

extern "C" __global__ void sum_f32(long long n, const float *x, double *partials)
{
    double acc = 0.0;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        acc += x[i];
    }
    block_sum(acc, partials);
}

extern "C" __global__ void dot_f32(long long n, const float *a, const float *b, double *partials)
{
    double acc = 0.0;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        acc += (double) a[i] * (double) b[i];
    }
    block_sum(acc, partials);
}

// One block of THREADS threads: out[0] = sum of the n partials.
extern "C" __global__ void finish_sum(long long n, const double *partials, double *out)
{
    double acc = 0.0;
    for (long long i = threadIdx.x; i < n; i += blockDim.x) {
        acc += partials[i];
    }
    block_sum(acc, out);
}
