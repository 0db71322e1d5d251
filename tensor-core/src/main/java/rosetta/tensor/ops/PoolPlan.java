package rosetta.tensor.ops;

/**
 * Max pooling prepared for one geometry. It carries what forward saves for backward (on the CPU, the
 * position of each window's maximum), so the pair must run on the same plan.
 */
public interface PoolPlan extends AutoCloseable {
    PoolGeometry geometry();

    @Override
    void close();
}
