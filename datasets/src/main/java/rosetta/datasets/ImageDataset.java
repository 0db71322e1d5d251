package rosetta.datasets;

import java.util.Objects;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;

/**
 * Images kept as 8-bit pixels (a quarter of the memory of floats: 184 MB for all of CIFAR-10) and handed
 * out as FLOAT32 {@code x / 255}, in the example shape's order (NCHW for [C, H, W]).
 */
public final class ImageDataset extends InMemoryDataset {
    /**
     * {@code x / 255} computed in double and rounded to float, as the benchmark's
     * {@code x_train / 255.0} on uint8 followed by {@code astype(np.float32)} (ilkarman/DeepLearningFrameworks
     * notebooks/common/utils.py @671e2a0, {@code cifar_for_library}).
     */
    private static final float[] SCALE = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            SCALE[b] = (float) (b / 255.0);
        }
    }

    private final byte[] pixels;

    /** Takes ownership of {@code pixels} (example {@code i} at {@code i * exampleSize}) and {@code labels}. */
    public ImageDataset(String name, Shape exampleShape, int classes, byte[] pixels, int[] labels) {
        super(name, exampleShape, classes, labels);
        if (pixels.length != (long) labels.length * exampleSize()) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels for " + labels.length
                    + " examples of " + exampleShape + ", expected " + (long) labels.length * exampleSize());
        }
        this.pixels = pixels;
    }

    @Override
    public DType exampleType() {
        return DType.FLOAT32;
    }

    @Override
    public void copyExample(int i, float[] dst, int offset) {
        int n = exampleSize();
        int from = Objects.checkIndex(i, size()) * n;
        Objects.checkFromIndexSize(offset, n, dst.length);
        for (int k = 0; k < n; k++) {
            dst[offset + k] = SCALE[pixels[from + k] & 0xFF];
        }
    }
}
