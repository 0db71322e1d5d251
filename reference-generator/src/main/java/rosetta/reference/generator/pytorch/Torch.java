package rosetta.reference.generator.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * PyTorch through DJL's engine on the CPU, offline: the native libtorch comes from the
 * {@code pytorch-native-cpu} jar on the class path and the JNI glue from {@code pytorch-jni}, so nothing
 * is downloaded. One intra-op and one inter-op thread make every reduction run in the same order, so a
 * regenerated fixture is byte-identical.
 */
public final class Torch implements AutoCloseable {
    public static final String FRAMEWORK = "pytorch";

    private final Engine engine;
    private final NDManager manager;

    private Torch() {
        engine = Engine.getEngine("PyTorch");
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    /**
     * Configures DJL before its engine class loads: {@code ai.djl.offline} forbids downloads (DJL then
     * insists on the native library found on the class path), and the thread counts are read once when
     * the engine starts (ai.djl.pytorch.engine.PtEngine @0.36.0).
     */
    public static Torch start() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.default_engine", "PyTorch");
        return new Torch();
    }

    public String version() {
        return "PyTorch " + engine.getVersion() + " (libtorch through DJL " + Engine.getDjlVersion() + ", CPU)";
    }

    /** torch.manual_seed: random draws (dropout masks) repeat from run to run. */
    public void seed(int seed) {
        engine.setRandomSeed(seed);
    }

    public NDArray array(float[] values, int... shape) {
        return manager.create(values, new Shape(toLong(shape)));
    }

    /** An array whose gradient the next {@link #collector()} records. */
    public NDArray variable(float[] values, int... shape) {
        NDArray a = array(values, shape);
        a.setRequiresGradient(true);
        return a;
    }

    public NDArray ints(int[] values, int... shape) {
        return manager.create(values, new Shape(toLong(shape)));
    }

    public GradientCollector collector() {
        return engine.newGradientCollector();
    }

    public NDManager manager() {
        return manager;
    }

    static long[] toLong(int... v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return l;
    }

    @Override
    public void close() {
        manager.close();
    }
}
