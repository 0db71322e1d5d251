package rosetta.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnHandle;
import jcuda.jcudnn.cudnnMathType;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvPass;

/**
 * cuDNN's ranked algorithm lists for one pass of a plan, and the policy's pick from them. The ranking
 * comes from cudnnGetConvolution*Algorithm_v7 (a heuristic: no kernel runs) or from
 * cudnnFindConvolution*AlgorithmEx (every algorithm that fits the given workspace is run and timed, as
 * PyTorch's {@code cudnn.benchmark=True} and Caffe2's {@code cudnn_exhaustive_search} do). The
 * cudnnConvolution*AlgoPerf_t structs JCudnn fills ({algo, status, time, memory, determinism,
 * mathType, reserved[3]}) have the same layout in cuDNN 8 and 9. JCudnn 11.7.0 copies algo, status,
 * time, memory and determinism back to Java but not mathType (JCudnnJNI/src/JCudnn.cpp releaseNative),
 * so the math type each pass runs with is the backend's own setting.
 */
final class ConvAlgorithmSearch {
    private ConvAlgorithmSearch() {
    }

    /** One row of cuDNN's ranking. */
    record Candidate(int algo, int status, long memory) {
    }

    static List<Candidate> heuristic(cudnnHandle h, CudnnConvPlan p, ConvPass pass) {
        int[] count = new int[1];
        int[] returned = new int[1];
        List<Candidate> out = new ArrayList<>();
        switch (pass) {
            case FORWARD -> {
                Status.cudnn(JCudnn.cudnnGetConvolutionForwardAlgorithmMaxCount(h, count),
                        "cudnnGetConvolutionForwardAlgorithmMaxCount");
                cudnnConvolutionFwdAlgoPerf[] perf = new cudnnConvolutionFwdAlgoPerf[count[0]];
                for (int i = 0; i < perf.length; i++) {
                    perf[i] = new cudnnConvolutionFwdAlgoPerf();
                }
                Status.cudnn(JCudnn.cudnnGetConvolutionForwardAlgorithm_v7(h, p.x, p.weight, p.convolution(pass), p.y,
                        count[0], returned, perf), "cudnnGetConvolutionForwardAlgorithm_v7");
                for (int i = 0; i < returned[0]; i++) {
                    out.add(new Candidate(perf[i].algo, perf[i].status, perf[i].memory));
                }
            }
            case BACKWARD_DATA -> {
                Status.cudnn(JCudnn.cudnnGetConvolutionBackwardDataAlgorithmMaxCount(h, count),
                        "cudnnGetConvolutionBackwardDataAlgorithmMaxCount");
                cudnnConvolutionBwdDataAlgoPerf[] perf = new cudnnConvolutionBwdDataAlgoPerf[count[0]];
                for (int i = 0; i < perf.length; i++) {
                    perf[i] = new cudnnConvolutionBwdDataAlgoPerf();
                }
                Status.cudnn(JCudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7(h, p.weight, p.y, p.convolution(pass),
                        p.x, count[0], returned, perf), "cudnnGetConvolutionBackwardDataAlgorithm_v7");
                for (int i = 0; i < returned[0]; i++) {
                    out.add(new Candidate(perf[i].algo, perf[i].status, perf[i].memory));
                }
            }
            case BACKWARD_FILTER -> {
                Status.cudnn(JCudnn.cudnnGetConvolutionBackwardFilterAlgorithmMaxCount(h, count),
                        "cudnnGetConvolutionBackwardFilterAlgorithmMaxCount");
                cudnnConvolutionBwdFilterAlgoPerf[] perf = new cudnnConvolutionBwdFilterAlgoPerf[count[0]];
                for (int i = 0; i < perf.length; i++) {
                    perf[i] = new cudnnConvolutionBwdFilterAlgoPerf();
                }
                Status.cudnn(JCudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7(h, p.x, p.y, p.convolution(pass),
                        p.weight, count[0], returned, perf), "cudnnGetConvolutionBackwardFilterAlgorithm_v7");
                for (int i = 0; i < returned[0]; i++) {
                    out.add(new Candidate(perf[i].algo, perf[i].status, perf[i].memory));
                }
            }
        }
        return out;
    }

    /**
     * Times every algorithm on scratch buffers {@code x}, {@code w}, {@code y} of the plan's shapes (their
     * contents are overwritten) with {@code workspaceBytes} of workspace, fastest first.
     */
    static List<Candidate> exhaustive(cudnnHandle h, CudnnConvPlan p, ConvPass pass, Pointer x, Pointer w, Pointer y,
            Pointer workspace, long workspaceBytes) {
        int[] count = new int[1];
        int[] returned = new int[1];
        List<Candidate> out = new ArrayList<>();
        switch (pass) {
            case FORWARD -> {
                Status.cudnn(JCudnn.cudnnGetConvolutionForwardAlgorithmMaxCount(h, count),
                        "cudnnGetConvolutionForwardAlgorithmMaxCount");
                cudnnConvolutionFwdAlgoPerf[] perf = new cudnnConvolutionFwdAlgoPerf[count[0]];
                for (int i = 0; i < perf.length; i++) {
                    perf[i] = new cudnnConvolutionFwdAlgoPerf();
                }
                Status.cudnn(JCudnn.cudnnFindConvolutionForwardAlgorithmEx(h, p.x, x, p.weight, w, p.convolution(pass),
                        p.y, y, count[0], returned, perf, workspace, workspaceBytes),
                        "cudnnFindConvolutionForwardAlgorithmEx");
                for (int i = 0; i < returned[0]; i++) {
                    out.add(new Candidate(perf[i].algo, perf[i].status, perf[i].memory));
                }
            }
            case BACKWARD_DATA -> {
                Status.cudnn(JCudnn.cudnnGetConvolutionBackwardDataAlgorithmMaxCount(h, count),
                        "cudnnGetConvolutionBackwardDataAlgorithmMaxCount");
                cudnnConvolutionBwdDataAlgoPerf[] perf = new cudnnConvolutionBwdDataAlgoPerf[count[0]];
                for (int i = 0; i < perf.length; i++) {
                    perf[i] = new cudnnConvolutionBwdDataAlgoPerf();
                }
                Status.cudnn(JCudnn.cudnnFindConvolutionBackwardDataAlgorithmEx(h, p.weight, w, p.y, y,
                        p.convolution(pass), p.x, x, count[0], returned, perf, workspace, workspaceBytes),
                        "cudnnFindConvolutionBackwardDataAlgorithmEx");
                for (int i = 0; i < returned[0]; i++) {
                    out.add(new Candidate(perf[i].algo, perf[i].status, perf[i].memory));
                }
            }
            case BACKWARD_FILTER -> {
                Status.cudnn(JCudnn.cudnnGetConvolutionBackwardFilterAlgorithmMaxCount(h, count),
                        "cudnnGetConvolutionBackwardFilterAlgorithmMaxCount");
                cudnnConvolutionBwdFilterAlgoPerf[] perf = new cudnnConvolutionBwdFilterAlgoPerf[count[0]];
                for (int i = 0; i < perf.length; i++) {
                    perf[i] = new cudnnConvolutionBwdFilterAlgoPerf();
                }
                Status.cudnn(JCudnn.cudnnFindConvolutionBackwardFilterAlgorithmEx(h, p.x, x, p.y, y,
                        p.convolution(pass), p.weight, w, count[0], returned, perf, workspace, workspaceBytes),
                        "cudnnFindConvolutionBackwardFilterAlgorithmEx");
                for (int i = 0; i < returned[0]; i++) {
                    out.add(new Candidate(perf[i].algo, perf[i].status, perf[i].memory));
                }
            }
        }
        return out;
    }

    /**
     * The first candidate in cuDNN's order that succeeded, fits the workspace limit and is not a
     * Winograd algorithm when the policy turns Winograd off. With TF32 the pass runs with
     * CUDNN_DEFAULT_MATH (TF32 tensor cores allowed on Ampere and newer), without in FP32 (CUDNN_FMA_MATH).
     */
    static ConvAlgorithmChoice pick(ConvPass pass, List<Candidate> ranked, AlgorithmPolicy policy, boolean tf32,
            String what) {
        for (Candidate c : ranked) {
            boolean excluded = !policy.winograd() && ConvAlgorithmChoice.isWinograd(pass, c.algo());
            if (c.status() == 0 && c.memory() <= policy.workspaceLimitBytes() && !excluded) {
                return new ConvAlgorithmChoice(pass, c.algo(),
                        tf32 ? cudnnMathType.CUDNN_DEFAULT_MATH : cudnnMathType.CUDNN_FMA_MATH, c.memory());
            }
        }
        throw new CudaFailure("no cuDNN algorithm for the " + pass + " pass of " + what + " fits a workspace of "
                + DeviceMemory.mib(policy.workspaceLimitBytes()) + (policy.winograd() ? "" : " without Winograd")
                + " (" + ranked.size() + " ranked); raise the workspace limit");
    }
}
