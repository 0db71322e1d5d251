package rosetta.layers;

import java.util.List;
import rosetta.layers.init.Fans;
import rosetta.layers.init.Initializer;
import rosetta.tensor.random.RngStream;

/** Small initialisers for the GRU and embedding tests, independent of the real ones. */
final class TestInitializers {
    private TestInitializers() {
    }

    /** U(-bound, bound). */
    static Initializer uniform(double bound) {
        return of("uniform(" + bound + ")", (values, fans, rng) -> {
            for (int i = 0; i < fans.size(); i++) {
                values[i] = bound * (2 * rng.nextDouble() - 1);
            }
        });
    }

    static Initializer constant(double c) {
        return of("constant(" + c + ")", (values, fans, rng) -> java.util.Arrays.fill(values, 0, fans.size(), c));
    }

    /** U(±√(6 / (fan_in + fan_out))). */
    static Initializer glorotUniform() {
        return of("glorot-uniform", (values, fans, rng) -> {
            double limit = Math.sqrt(6.0 / (fans.fanIn() + fans.fanOut()));
            for (int i = 0; i < fans.size(); i++) {
                values[i] = limit * (2 * rng.nextDouble() - 1);
            }
        });
    }

    /**
     * Gram-Schmidt on a Gaussian rows x cols matrix: orthonormal rows when rows <= cols, orthonormal
     * columns otherwise.
     */
    static Initializer orthogonal() {
        return of("orthogonal", (values, fans, rng) -> {
            int rows = fans.rows();
            int cols = fans.cols();
            for (int i = 0; i < fans.size(); i++) {
                values[i] = rng.nextGaussian();
            }
            boolean byRow = rows <= cols;
            int vectors = byRow ? rows : cols;
            int length = byRow ? cols : rows;
            for (int v = 0; v < vectors; v++) {
                for (int u = 0; u < v; u++) {
                    double dot = 0;
                    for (int e = 0; e < length; e++) {
                        dot += at(values, byRow, cols, v, e) * at(values, byRow, cols, u, e);
                    }
                    for (int e = 0; e < length; e++) {
                        int i = index(byRow, cols, v, e);
                        values[i] -= dot * at(values, byRow, cols, u, e);
                    }
                }
                double norm = 0;
                for (int e = 0; e < length; e++) {
                    norm += Math.pow(at(values, byRow, cols, v, e), 2);
                }
                for (int e = 0; e < length; e++) {
                    values[index(byRow, cols, v, e)] /= Math.sqrt(norm);
                }
            }
        });
    }

    /** {@code inner}, noting the fans of every fill in {@code seen}. */
    static Initializer recording(Initializer inner, List<Fans> seen) {
        return of(inner.spec(), (values, fans, rng) -> {
            seen.add(fans);
            inner.fill(values, fans, rng);
        });
    }

    private static double at(double[] values, boolean byRow, int cols, int vector, int element) {
        return values[index(byRow, cols, vector, element)];
    }

    private static int index(boolean byRow, int cols, int vector, int element) {
        return byRow ? vector * cols + element : element * cols + vector;
    }

    private interface Fill {
        void fill(double[] values, Fans fans, RngStream rng);
    }

    private static Initializer of(String spec, Fill fill) {
        return new Initializer() {
            @Override
            public void fill(double[] values, Fans fans, RngStream rng) {
                fill.fill(values, fans, rng);
            }

            @Override
            public String spec() {
                return spec;
            }
        };
    }
}
