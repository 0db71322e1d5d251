// Parameter updates, one thread per element, in double like rosetta.tensor.cpu.CpuOptimizer.
// g = gradientScale * gradient + weightDecay * weight.

// The rule codes CudaOptimizer passes for each rosetta.tensor.ops.MomentumRule.
#define LR_OUTSIDE 0
#define LR_INSIDE 1
#define LR_INSIDE_POSITIVE 2
#define UNIT_GAIN 3
#define NESTEROV_LR_OUTSIDE 4
#define NESTEROV_LR_INSIDE 5
#define NESTEROV_CAFFE2 6

// SGD with momentum: v is the velocity, m the momentum.
extern "C" __global__ void sgd_momentum_f32(long long n, int rule, double lr, double m, double gradientScale,
        double weightDecay, float *weight, const float *gradient, float *velocity)
{
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        double w = weight[i];
        double g = gradientScale * gradient[i] + weightDecay * w;
        double old = velocity[i];
        double v;
        switch (rule) {
        case LR_OUTSIDE: // PyTorch optim.SGD (torch/optim/sgd.py), TF ApplyMomentum
            v = m * old + g;
            w -= lr * v;
            break;
        case LR_INSIDE: // Keras SGD, Lasagne momentum, Chainer MomentumSGD, MXNet sgd_mom_update
            v = m * old - lr * g;
            w += v;
            break;
        case LR_INSIDE_POSITIVE: // Caffe2 MomentumSGDUpdate, CNTK unit_gain=False
            v = m * old + lr * g;
            w -= v;
            break;
        case UNIT_GAIN: // CNTK's default unit-gain momentum
            v = m * old + (1 - m) * lr * g;
            w -= v;
            break;
        case NESTEROV_LR_OUTSIDE: // PyTorch nesterov=True, TF use_nesterov=True
            v = m * old + g;
            w -= lr * (g + m * v);
            break;
        case NESTEROV_LR_INSIDE: // Keras nesterov=True, Lasagne nesterov_momentum
            v = m * old - lr * g;
            w += m * v - lr * g;
            break;
        default: // NESTEROV_CAFFE2: Caffe2 momentum_sgd_update with nesterov=1
            v = m * old + lr * g;
            w -= (1 + m) * v - m * old;
            break;
        }
        velocity[i] = (float) v;
        weight[i] = (float) w;
    }
}

// Adam (CpuOptimizer.adam): m and v are the moments. The three rosetta.tensor.ops.AdamRule forms differ only
// in three numbers the host computes once per step as the CPU does: stepSize (lr / (1 - b1^t), or
// lr sqrt(1 - b2^t) / (1 - b1^t) when the correction is folded into the step), rootCorrection2
// (sqrt(1 - b2^t), or 1 when folded) and firstMomentGain (1 - b1, or 1 for CNTK without unit gain).
extern "C" __global__ void adam_f32(long long n, double stepSize, double rootCorrection2, double firstMomentGain,
        double beta1, double beta2, double epsilon, double gradientScale, double weightDecay, float *weight,
        const float *gradient, float *m, float *v)
{
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x) {
        double w = weight[i];
        double g = gradientScale * gradient[i] + weightDecay * w;
        double mi = beta1 * m[i] + firstMomentGain * g;
        double vi = beta2 * v[i] + (1 - beta2) * g * g;
        w -= stepSize * mi / (sqrt(vi) / rootCorrection2 + epsilon);
        m[i] = (float) mi;
        v[i] = (float) vi;
        weight[i] = (float) w;
    }
}
