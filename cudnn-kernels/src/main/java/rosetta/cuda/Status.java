package rosetta.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcudnn.JCudnn;

/**
 * Every driver, cuBLAS and cuDNN status goes through here. JCuda's own exceptions stay off: they name
 * cuDNN 8's status codes, and cuDNN 9 renumbered them (CUDNN_STATUS_BAD_PARAM is 2000, not 3), so the
 * text comes from the loaded library itself (cudnnGetErrorString, cublasGetStatusString, cuGetErrorName).
 */
final class Status {
    private Status() {
    }

    static void driver(int status, String call) {
        if (status != CUresult.CUDA_SUCCESS) {
            throw new CudaFailure(call + " failed: " + driverText(status));
        }
    }

    static String driverText(int status) {
        String[] name = new String[1];
        String[] text = new String[1];
        JCudaDriver.cuGetErrorName(status, name);
        JCudaDriver.cuGetErrorString(status, text);
        return (name[0] != null ? name[0] : "CUresult " + status) + (text[0] != null ? " (" + text[0] + ")" : "");
    }

    static void cublas(int status, String call) {
        if (status != 0) {
            throw new CudaFailure(call + " failed: " + JCublas2.cublasGetStatusString(status) + " (status " + status + ")");
        }
    }

    static void cudnn(int status, String call) {
        if (status != 0) {
            throw new CudaFailure(call + " failed: " + JCudnn.cudnnGetErrorString(status) + " (status " + status + ")");
        }
    }
}
