package rosetta.tensor.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import rosetta.tensor.Tensor;

/**
 * Element access for the reference loops, in double whatever the tensor's floating type, so one plain
 * loop serves FLOAT32 training and FLOAT64 gradient checks. Fast paths use the float buffers directly.
 */
abstract class Elements {
    final int length;

    private Elements(int length) {
        this.length = length;
    }

    static Elements of(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT32 -> new Floats(CpuStorage.floats(t), (int) t.offset(), t.length());
            case FLOAT64 -> new Doubles(CpuStorage.doubles(t), (int) t.offset(), t.length());
            case INT32 -> throw new IllegalArgumentException("expected a floating tensor, got " + t);
        };
    }

    abstract double get(int i);

    abstract void set(int i, double v);

    final void add(int i, double v) {
        set(i, get(i) + v);
    }

    private static final class Floats extends Elements {
        private final FloatBuffer data;
        private final int offset;

        Floats(FloatBuffer data, int offset, int length) {
            super(length);
            this.data = data;
            this.offset = offset;
        }

        @Override
        double get(int i) {
            return data.get(offset + i);
        }

        @Override
        void set(int i, double v) {
            data.put(offset + i, (float) v);
        }
    }

    private static final class Doubles extends Elements {
        private final DoubleBuffer data;
        private final int offset;

        Doubles(DoubleBuffer data, int offset, int length) {
            super(length);
            this.data = data;
            this.offset = offset;
        }

        @Override
        double get(int i) {
            return data.get(offset + i);
        }

        @Override
        void set(int i, double v) {
            data.put(offset + i, v);
        }
    }
}
