// Counter-based random numbers, bit-identical to rosetta.tensor.random.Philox: Philox4x32-10 (Salmon
// et al., SC 2011). Element i of a bulk draw is word i % 4 of block (start + i / 4), the block counter
// being (low word, high word, 0, 0) of start + i / 4 under the stream's key (key0, key1). One thread
// computes one block and writes its four elements.

__device__ uint4 philox_block(unsigned long long counter, unsigned int k0, unsigned int k1)
{
    const unsigned int M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    unsigned int c0 = (unsigned int) counter, c1 = (unsigned int) (counter >> 32), c2 = 0, c3 = 0;
    for (int round = 0; round < 10; round++) {
        unsigned int hi0 = __umulhi(M0, c0), lo0 = M0 * c0;
        unsigned int hi1 = __umulhi(M1, c2), lo1 = M1 * c2;
        unsigned int n0 = hi1 ^ c1 ^ k0;
        unsigned int n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
        k0 += W0;
        k1 += W1;
    }
    return make_uint4(c0, c1, c2, c3);
}

// Philox.uniformFloat: the top 24 bits as a float in [0, 1), exactly representable.
__device__ float uniform_float(unsigned int word)
{
    return (float) (word >> 8) * 0x1.0p-24f;
}

__device__ unsigned int word_of(uint4 b, int w)
{
    return w == 0 ? b.x : w == 1 ? b.y : w == 2 ? b.z : b.w;
}

// CpuBackend.fillUniform for FLOAT32: low + (high - low) * u in double, rounded once to float.
extern "C" __global__ void uniform_f32(long long n, unsigned long long start, unsigned int k0, unsigned int k1,
        double low, double high, float *out)
{
    long long blocks = (n + 3) / 4;
    for (long long b = blockIdx.x * (long long) blockDim.x + threadIdx.x; b < blocks; b += (long long) gridDim.x * blockDim.x) {
        uint4 words = philox_block(start + (unsigned long long) b, k0, k1);
        for (int w = 0; w < 4; w++) {
            long long i = 4 * b + w;
            if (i < n) {
                out[i] = (float) (low + (high - low) * (double) uniform_float(word_of(words, w)));
            }
        }
    }
}

// CpuDropout.forward: keep element i iff uniform_float(word i) < keep (keep = (float) (1 - rate));
// the mask holds 0 or (float) scale, and y = x * scale rounded once from double (scale = 1 / (1 - rate)).
extern "C" __global__ void dropout_forward_f32(long long n, unsigned long long start, unsigned int k0, unsigned int k1,
        float keep, double scale, const float *x, float *mask, float *y)
{
    long long blocks = (n + 3) / 4;
    for (long long b = blockIdx.x * (long long) blockDim.x + threadIdx.x; b < blocks; b += (long long) gridDim.x * blockDim.x) {
        uint4 words = philox_block(start + (unsigned long long) b, k0, k1);
        for (int w = 0; w < 4; w++) {
            long long i = 4 * b + w;
            if (i < n) {
                double m = uniform_float(word_of(words, w)) < keep ? scale : 0.0;
                mask[i] = (float) m;
                y[i] = (float) ((double) x[i] * m);
            }
        }
    }
}
