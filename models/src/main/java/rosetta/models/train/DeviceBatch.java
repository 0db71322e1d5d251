package rosetta.models.train;

import rosetta.datasets.Dataset;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/**
 * Host staging arrays and backend tensors for batches of one size, allocated once and refilled for
 * every batch: the only host-to-backend copies of a training step happen here.
 */
final class DeviceBatch implements AutoCloseable {
    private final Backend backend;
    private final int size;
    private final int exampleSize;
    private final int classes;
    private final boolean oneHot;
    private final Shape example;
    private final float[] images;
    private final int[] tokens;
    private final float[] scratch;
    private final int[] labelIds;
    private final float[] labelRows;
    private final Tensor x;
    private final Tensor labels;

    DeviceBatch(Backend backend, Dataset data, int size, boolean oneHot, Layout layout) {
        this.backend = backend;
        this.size = size;
        this.example = data.exampleShape();
        this.exampleSize = Math.toIntExact(example.size());
        this.classes = data.classes();
        this.oneHot = oneHot;
        boolean images4d = data.exampleType() == DType.FLOAT32;
        this.images = images4d ? new float[size * exampleSize] : null;
        this.scratch = images4d && layout == Layout.NHWC ? new float[exampleSize] : null;
        this.tokens = images4d ? null : new int[size * exampleSize];
        this.labelIds = new int[size];
        this.labelRows = oneHot ? new float[size * classes] : null;
        Shape batchShape = images4d && example.rank() == 3
                ? layout.shape(size, example.dim(0), example.dim(1), example.dim(2))
                : batchShape(size, example);
        this.x = backend.allocate(data.exampleType(), batchShape);
        this.labels = oneHot ? backend.allocate(DType.FLOAT32, Shape.of(size, classes))
                : backend.allocate(DType.INT32, Shape.of(size));
    }

    private static Shape batchShape(int size, Shape example) {
        int[] dims = new int[example.rank() + 1];
        dims[0] = size;
        for (int i = 0; i < example.rank(); i++) {
            dims[i + 1] = example.dim(i);
        }
        return Shape.of(dims);
    }

    int size() {
        return size;
    }

    Tensor x() {
        return x;
    }

    Tensor labels() {
        return labels;
    }

    int label(int row) {
        return labelIds[row];
    }

    /** Copies examples {@code indices[from .. from+size)} to the backend. */
    void load(Dataset data, int[] indices, int from) {
        for (int row = 0; row < size; row++) {
            int index = indices[from + row];
            labelIds[row] = data.label(index);
            if (images != null) {
                if (scratch == null) {
                    data.copyExample(index, images, row * exampleSize);
                } else {
                    data.copyExample(index, scratch, 0);
                    toChannelsLast(scratch, images, row * exampleSize);
                }
            } else {
                data.copyExample(index, tokens, row * exampleSize);
            }
        }
        if (images != null) {
            backend.copyFromHost(images, 0, x);
        } else {
            backend.copyFromHost(tokens, 0, x);
        }
        if (oneHot) {
            java.util.Arrays.fill(labelRows, 0f);
            for (int row = 0; row < size; row++) {
                labelRows[row * classes + labelIds[row]] = 1f;
            }
            backend.copyFromHost(labelRows, 0, labels);
        } else {
            backend.copyFromHost(labelIds, 0, labels);
        }
    }

    /** One CHW image as HWC. */
    private void toChannelsLast(float[] chw, float[] out, int offset) {
        int c = example.dim(0);
        int h = example.dim(1);
        int w = example.dim(2);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    out[offset + (y * w + xx) * c + ch] = chw[(ch * h + y) * w + xx];
                }
            }
        }
    }

    @Override
    public void close() {
        x.close();
        labels.close();
    }
}
