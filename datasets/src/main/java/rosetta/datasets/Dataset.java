package rosetta.datasets;

import rosetta.tensor.DType;
import rosetta.tensor.Shape;

/**
 * A labelled data set held on the host. The trainer copies examples into its own batch arrays and from
 * there to the backend; a data set never allocates per example.
 */
public interface Dataset {
    /** What the data is, e.g. {@code CIFAR-10 train}; messages name it. */
    String name();

    int size();

    /** One example's shape: [3, 32, 32] for CIFAR-10, [1, 28, 28] for MNIST, [maxLen] for IMDB. */
    Shape exampleShape();

    /** FLOAT32 for images, INT32 for token ids. */
    DType exampleType();

    int classes();

    /** The class of example {@code i}, in 0..classes()-1. */
    int label(int i);

    /** Writes example {@code i} to {@code dst[offset ..]}; only for FLOAT32 data sets. */
    void copyExample(int i, float[] dst, int offset);

    /** Writes example {@code i} to {@code dst[offset ..]}; only for INT32 data sets. */
    void copyExample(int i, int[] dst, int offset);

    /** Elements in one example. */
    default int exampleSize() {
        return Math.toIntExact(exampleShape().size());
    }
}
