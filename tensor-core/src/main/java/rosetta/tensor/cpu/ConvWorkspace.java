package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import rosetta.tensor.DType;

/** Scratch memory of a convolution plan, allocated once when the plan is made and freed with it. */
final class ConvWorkspace implements AutoCloseable {
    private final CpuStorage storage;
    private final Sgemm sgemm;

    ConvWorkspace(long floats, Sgemm sgemm) {
        this.storage = new CpuStorage(DType.FLOAT32, Math.max(1, floats));
        this.sgemm = sgemm;
    }

    FloatBuffer floats() {
        return storage.floatBuffer();
    }

    Sgemm sgemm() {
        return sgemm;
    }

    @Override
    public void close() {
        storage.close();
    }
}
