// The elementwise steps of a GRU that cuDNN does not run (every rosetta.tensor.ops.GruSpec variant but
// cuDNN's own), one thread per (batch row n, hidden unit j), each kernel the loop of the same name in
// rosetta.tensor.cpu.CpuGruStep with the same expressions in double and the same roundings to float where
// the CPU stores a value in a FLOAT32 tensor. The GEMMs between them are cuBLAS calls (CudaGru).
// Layouts (CudaGruPlan): projection [N T, 3H] with rows in x's batch-first order, recurrent [3H, N]
// (gate-major, so a gate block is a row range a GEMM writes), gates [T, N, 3H], states [T + 1, N, H],
// hiddenCandidate and resetStates [T, N, H], y and dy [N, T, H], state gradients [N, H].

// The fixed facts of a plan, passed by value to every kernel (CudaGruStep.shape builds it).
struct GruShape {
    int batch;
    int steps;
    int hidden;
    int reset;       // packed block of r (GruSpec.resetBlock)
    int update;      // packed block of z (GruSpec.updateBlock)
    int hardSigmoid; // 1: clip(0.2 a + 0.5, 0, 1); 0: the logistic sigmoid
    int zKeepsState; // 1: h' = (1 - z) n + z h (UpdateWeights.OLD_STATE); 0: h' = z n + (1 - z) h
};

#define CANDIDATE 2 // GruSpec.CANDIDATE_BLOCK

__device__ long long projection_at(GruShape s, int n, int t, int k, int j)
{
    return ((long long) (n * s.steps + t) * 3 + k) * s.hidden + j;
}

__device__ long long recurrent_at(GruShape s, int k, int j, int n)
{
    return (long long) (k * s.hidden + j) * s.batch + n;
}

__device__ long long gate_at(GruShape s, int t, int n, int k, int j)
{
    return ((long long) (t * s.batch + n) * 3 + k) * s.hidden + j;
}

__device__ long long unit_at(GruShape s, int t, int n, int j)
{
    return (long long) (t * s.batch + n) * s.hidden + j;
}

__device__ double bias_of(GruShape s, const float *biasHh, int k, int j)
{
    return biasHh == 0 ? 0.0 : (double) biasHh[k * s.hidden + j];
}

// Comparisons rather than fmin/fmax, which would turn a NaN into a bound where Java's Math.min/max keep it.
__device__ double activate(GruShape s, double a)
{
    if (!s.hardSigmoid) {
        return 1 / (1 + exp(-a));
    }
    double x = 0.2 * a + 0.5;
    return x < 0 ? 0.0 : x > 1 ? 1.0 : x;
}

// The gate activation's derivative from its output; hard sigmoid is flat where it clips.
__device__ double slope(GruShape s, double g)
{
    if (!s.hardSigmoid) {
        return g * (1 - g);
    }
    return g > 0 && g < 1 ? 0.2 : 0.0;
}

// CpuGruStep.gates: r and z of step t; with the reset gate before the matmul (resetStates non-null) also r h.
extern "C" __global__ void gru_gates_f32(GruShape s, int t, const float *projection, const float *recurrent,
        const float *biasHh, const float *states, float *gates, float *resetStates)
{
    for (long long u = blockIdx.x * (long long) blockDim.x + threadIdx.x; u < (long long) s.batch * s.hidden; u += (long long) gridDim.x * blockDim.x) {
        int n = (int) (u / s.hidden);
        int j = (int) (u % s.hidden);
        double ar = (double) projection[projection_at(s, n, t, s.reset, j)] + recurrent[recurrent_at(s, s.reset, j, n)];
        double az = (double) projection[projection_at(s, n, t, s.update, j)] + recurrent[recurrent_at(s, s.update, j, n)];
        double r = activate(s, ar + bias_of(s, biasHh, s.reset, j));
        double z = activate(s, az + bias_of(s, biasHh, s.update, j));
        gates[gate_at(s, t, n, s.reset, j)] = (float) r;
        gates[gate_at(s, t, n, s.update, j)] = (float) z;
        if (resetStates != 0) {
            resetStates[unit_at(s, t, n, j)] = (float) (r * states[unit_at(s, t, n, j)]);
        }
    }
}

// CpuGruStep.candidate: the candidate of step t and the new state, written to h_{t+1} and to y. With the
// reset gate after the matmul (hiddenCandidate non-null) W_hn h + b_hn is kept for backward.
extern "C" __global__ void gru_candidate_f32(GruShape s, int t, const float *projection, const float *recurrent,
        const float *biasHh, float *hiddenCandidate, float *gates, float *states, float *y)
{
    for (long long u = blockIdx.x * (long long) blockDim.x + threadIdx.x; u < (long long) s.batch * s.hidden; u += (long long) gridDim.x * blockDim.x) {
        int n = (int) (u / s.hidden);
        int j = (int) (u % s.hidden);
        double r = gates[gate_at(s, t, n, s.reset, j)];
        double z = gates[gate_at(s, t, n, s.update, j)];
        double fromState = recurrent[recurrent_at(s, CANDIDATE, j, n)] + bias_of(s, biasHh, CANDIDATE, j);
        double a = projection[projection_at(s, n, t, CANDIDATE, j)];
        if (hiddenCandidate != 0) {
            hiddenCandidate[unit_at(s, t, n, j)] = (float) fromState;
            a += r * fromState;
        } else {
            a += fromState;
        }
        double cand = tanh(a);
        gates[gate_at(s, t, n, CANDIDATE, j)] = (float) cand;
        double h = states[unit_at(s, t, n, j)];
        double next = s.zKeepsState ? (1 - z) * cand + z * h : z * cand + (1 - z) * h;
        states[unit_at(s, t + 1, n, j)] = (float) next;
        y[(long long) (n * s.steps + t) * s.hidden + j] = (float) next;
    }
}

// CpuGruStep.backwardThroughUpdate: from dL/dh_{t+1} (dy of step t plus dhOut from step t + 1, null at the
// last step) to the pre-activation gradients of z and the candidate (and r with the reset gate after the
// matmul), written to the projection (input side) and the recurrent scratch (recurrent side), and the
// direct part of dL/dh_t to dhIn.
extern "C" __global__ void gru_backward_update_f32(GruShape s, int t, const float *dy, const float *dhOut, float *dhIn,
        const float *gates, const float *states, const float *hiddenCandidate, float *projection, float *recurrent)
{
    for (long long u = blockIdx.x * (long long) blockDim.x + threadIdx.x; u < (long long) s.batch * s.hidden; u += (long long) gridDim.x * blockDim.x) {
        int n = (int) (u / s.hidden);
        int j = (int) (u % s.hidden);
        double dh = (double) dy[(long long) (n * s.steps + t) * s.hidden + j] + (dhOut == 0 ? 0.0 : (double) dhOut[u]);
        double r = gates[gate_at(s, t, n, s.reset, j)];
        double z = gates[gate_at(s, t, n, s.update, j)];
        double cand = gates[gate_at(s, t, n, CANDIDATE, j)];
        double h = states[unit_at(s, t, n, j)];
        double dCand = dh * (s.zKeepsState ? 1 - z : z);
        double dz = dh * (s.zKeepsState ? h - cand : cand - h);
        dhIn[u] = (float) (dh * (s.zKeepsState ? z : 1 - z));
        double dCandPre = dCand * (1 - cand * cand);
        double dzPre = dz * slope(s, z);
        projection[projection_at(s, n, t, s.update, j)] = (float) dzPre;
        recurrent[recurrent_at(s, s.update, j, n)] = (float) dzPre;
        projection[projection_at(s, n, t, CANDIDATE, j)] = (float) dCandPre;
        if (hiddenCandidate != 0) {
            recurrent[recurrent_at(s, CANDIDATE, j, n)] = (float) (dCandPre * r);
            double drPre = dCandPre * hiddenCandidate[unit_at(s, t, n, j)] * slope(s, r);
            projection[projection_at(s, n, t, s.reset, j)] = (float) drPre;
            recurrent[recurrent_at(s, s.reset, j, n)] = (float) drPre;
        } else {
            recurrent[recurrent_at(s, CANDIDATE, j, n)] = (float) dCandPre;
        }
    }
}

// CpuGruStep.backwardThroughReset (reset gate before the matmul): from dL/d(r h) to r's pre-activation
// gradient, and its share of dL/dh_t added to dhIn.
extern "C" __global__ void gru_backward_reset_f32(GruShape s, int t, const float *resetStateGrad, float *dhIn,
        const float *gates, const float *states, float *projection, float *recurrent)
{
    for (long long u = blockIdx.x * (long long) blockDim.x + threadIdx.x; u < (long long) s.batch * s.hidden; u += (long long) gridDim.x * blockDim.x) {
        int n = (int) (u / s.hidden);
        int j = (int) (u % s.hidden);
        double g = resetStateGrad[u];
        double r = gates[gate_at(s, t, n, s.reset, j)];
        dhIn[u] = (float) ((double) dhIn[u] + g * r);
        double drPre = g * states[unit_at(s, t, n, j)] * slope(s, r);
        projection[projection_at(s, n, t, s.reset, j)] = (float) drPre;
        recurrent[recurrent_at(s, s.reset, j, n)] = (float) drPre;
    }
}

// CpuGru.addRowSums: sums[row] += the sum of row `row` of g [rows, cols], one thread per row summing in
// double in column order as the CPU does.
extern "C" __global__ void add_row_sums_f32(long long rows, long long cols, const float *g, float *sums)
{
    for (long long row = blockIdx.x * (long long) blockDim.x + threadIdx.x; row < rows; row += (long long) gridDim.x * blockDim.x) {
        double acc = 0.0;
        for (long long c = 0; c < cols; c++) {
            acc += g[row * cols + c];
        }
        sums[row] = (float) ((double) sums[row] + acc);
    }
}
