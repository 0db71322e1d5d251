package rosetta.datasets.batching;

import java.util.Arrays;
import rosetta.datasets.Dataset;
import rosetta.tensor.DType;

/**
 * Fills host arrays with one batch's examples and labels: [batch, example shape] floats or ints and either
 * class ids or one-hot rows. The arrays are allocated once, for the largest batch, and overwritten by
 * each {@link #fill}; a smaller last batch fills only its first rows.
 */
public final class BatchAssembler {
    private final Dataset data;
    private final int batchSize;
    private final LabelFormat labelFormat;
    private final float[] floatExamples;
    private final int[] intExamples;
    private final int[] classIds;
    private final float[] oneHot;

    public BatchAssembler(Dataset data, int batchSize, LabelFormat labelFormat) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.labelFormat = labelFormat;
        int examples = Math.multiplyExact(batchSize, data.exampleSize());
        boolean floats = data.exampleType() == DType.FLOAT32;
        this.floatExamples = floats ? new float[examples] : null;
        this.intExamples = floats ? null : new int[examples];
        this.classIds = labelFormat == LabelFormat.CLASS_IDS ? new int[batchSize] : null;
        this.oneHot = labelFormat == LabelFormat.ONE_HOT ? new float[Math.multiplyExact(batchSize, data.classes())]
                : null;
    }

    /** Copies the examples and labels of {@code batch} into the arrays. */
    public void fill(Batch batch) {
        if (batch.size() > batchSize) {
            throw new IllegalArgumentException("batch of " + batch.size() + " examples, the arrays hold " + batchSize);
        }
        int n = data.exampleSize();
        int[] indices = batch.indices();
        for (int row = 0; row < indices.length; row++) {
            int i = indices[row];
            if (floatExamples != null) {
                data.copyExample(i, floatExamples, row * n);
            } else {
                data.copyExample(i, intExamples, row * n);
            }
            if (classIds != null) {
                classIds[row] = data.label(i);
            } else {
                int classes = data.classes();
                Arrays.fill(oneHot, row * classes, (row + 1) * classes, 0f);
                oneHot[row * classes + data.label(i)] = 1f;
            }
        }
    }

    /** [batchSize, example shape] for FLOAT32 data sets. */
    public float[] floatExamples() {
        return require(floatExamples, "float examples", data.name() + " holds " + data.exampleType() + " examples");
    }

    /** [batchSize, example shape] for INT32 data sets. */
    public int[] intExamples() {
        return require(intExamples, "int examples", data.name() + " holds " + data.exampleType() + " examples");
    }

    /** [batchSize] with {@link LabelFormat#CLASS_IDS}. */
    public int[] classIds() {
        return require(classIds, "class ids", "labels are " + labelFormat);
    }

    /** [batchSize, classes] with {@link LabelFormat#ONE_HOT}. */
    public float[] oneHot() {
        return require(oneHot, "one-hot rows", "labels are " + labelFormat);
    }

    private static <T> T require(T array, String what, String why) {
        if (array == null) {
            throw new IllegalStateException("no " + what + ": " + why);
        }
        return array;
    }
}
