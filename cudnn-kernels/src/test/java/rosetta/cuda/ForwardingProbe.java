package rosetta.cuda;

import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnHandle;

/** Run by ForwardingTest in a JVM of its own: loads the libraries of folder args[0] and calls through them. */
public final class ForwardingProbe {
    private ForwardingProbe() {
    }

    public static void main(String[] args) {
        System.setProperty(LibrarySearch.PATH_PROPERTY, args[0]);
        System.out.println("loaded " + NativeLibraries.load(LibrarySearch.system()));
        System.out.println("cudnnGetVersion " + JCudnn.cudnnGetVersion());
        cudnnHandle cudnn = new cudnnHandle();
        System.out.println("cudnnCreate " + JCudnn.cudnnCreate(cudnn) + " " + cudnn);
        cublasHandle cublas = new cublasHandle();
        System.out.println("cublasCreate " + JCublas2.cublasCreate(cublas) + " " + cublas);
        System.out.println("cudnnDestroy " + JCudnn.cudnnDestroy(cudnn));
    }
}
