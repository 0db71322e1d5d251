// Embedding lookup and its gradient, as rosetta.tensor.cpu.CpuEmbedding: out[i, :] = table[ids[i], :] over the
// n positions of the ids (row-major, any shape), and dTable = the sum of dOut[i, :] over the positions of
// each id. An id outside [0, vocabulary) is not looked up: its output row is 0, it adds nothing to
// dTable, and the lowest such position is recorded in a BadId that the host reads the next time it waits
// for the stream (CudaEmbedding), so that no launch needs a synchronisation of its own.

// The lowest bad position and its id in one word, (position << 32) | id, so that atomicMin keeps the first
// one as the CPU reports it; all ones when there is none. vocabulary is the row count of the launch that
// set first: launches run one after another on the stream and every thread of a launch writes the same.
struct BadId {
    unsigned long long first;
    int vocabulary;
};

__device__ void flag_bad_id(BadId *bad, long long position, int id, int vocabulary)
{
    unsigned long long key = ((unsigned long long) position << 32) | (unsigned int) id;
    if (atomicMin(&bad->first, key) > key) {
        bad->vocabulary = vocabulary;
    }
}

// One thread per output element; out is [n, dim].
extern "C" __global__ void embedding_forward_f32(long long n, int dim, int vocabulary, const int *ids,
        const float *table, float *out, BadId *bad)
{
    long long total = n * dim;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < total; i += (long long) gridDim.x * blockDim.x) {
        long long position = i / dim;
        long long e = i - position * dim;
        int id = ids[position];
        if (id < 0 || id >= vocabulary) {
            if (e == 0) {
                flag_bad_id(bad, position, id, vocabulary);
            }
            out[i] = 0.0f;
        } else {
            out[i] = table[(long long) id * dim + e];
        }
    }
}

// Elements of a table row that each lane of a warp sums in registers per pass: 4 x 32 = 128 per pass
// (the benchmark's 125 in one), loaded together, so a matching row costs one memory latency, not four.
#define ROW_PART 4

// dTable must be zero (the host clears it: rows of ids that do not occur stay so). One warp per position
// i: when no earlier position holds the same id, the warp owns that id's row and sums the dOut rows of all
// positions holding it, in increasing position order, each addition rounded to float, starting from 0.
// That is CpuEmbedding.backward's order, so the result is deterministic and bit-identical to the CPU's (a
// float add equals the CPU's double add rounded to float: double has more than 2 * 24 + 2 bits). Each warp
// scans the ids 32 at a time (__ballot_sync) up to the first earlier occurrence of its id, and a first
// occurrence scans the rest once per pass: about n * distinct / 32 reads of ids, which the caches serve.
// The price of the fixed order is a chain of additions as long as an id's count (the padding id's, in the
// benchmark's pre-padded reviews), where atomic float additions would be shorter but not deterministic.
// blockDim must be a multiple of 32, so that every warp is whole.
extern "C" __global__ void embedding_backward_f32(long long n, int dim, int vocabulary, const int *ids,
        const float *dOut, float *dTable, BadId *bad)
{
    const unsigned all = 0xffffffffu;
    const int lane = threadIdx.x % 32;
    long long warps = (long long) gridDim.x * blockDim.x / 32;
    for (long long i = (blockIdx.x * (long long) blockDim.x + threadIdx.x) / 32; i < n; i += warps) {
        int id = ids[i];
        if (id < 0 || id >= vocabulary) {
            if (lane == 0) {
                flag_bad_id(bad, i, id, vocabulary);
            }
            continue;
        }
        bool first = true;
        for (long long base = 0; base < i && first; base += 32) {
            long long j = base + lane;
            first = __ballot_sync(all, j < i && ids[j] == id) == 0;
        }
        if (!first) {
            continue;
        }
        float *row = dTable + (long long) id * dim;
        for (int e0 = 0; e0 < dim; e0 += 32 * ROW_PART) {
            float acc[ROW_PART];
            for (int q = 0; q < ROW_PART; q++) {
                acc[q] = 0.0f;
            }
            for (long long base = i; base < n; base += 32) {
                long long j = base + lane;
                unsigned match = __ballot_sync(all, j < n && ids[j] == id);
                while (match != 0) {
                    const float *src = dOut + (base + __ffs(match) - 1) * dim;
                    match &= match - 1;
#pragma unroll
                    for (int q = 0; q < ROW_PART; q++) {
                        int e = e0 + 32 * q + lane;
                        if (e < dim) {
                            acc[q] += src[e];
                        }
                    }
                }
            }
#pragma unroll
            for (int q = 0; q < ROW_PART; q++) {
                int e = e0 + 32 * q + lane;
                if (e < dim) {
                    row[e] = acc[q];
                }
            }
        }
    }
}
