package rosetta.cuda;

/** A CUDA, cuBLAS or cuDNN call returned an error; the message names the call and the library's own words. */
public final class CudaFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CudaFailure(String message) {
        super(message);
    }
}
