package rosetta.models.spec;

import rosetta.tensor.DType;
import rosetta.tensor.Shape;

/** The benchmark's two tasks: what one example looks like and how many classes there are. */
public enum Task {
    /** CIFAR-10: 3x32x32 images scaled to [0, 1], 10 classes. */
    CIFAR10(Shape.of(3, 32, 32), DType.FLOAT32, 10),
    /** IMDB reviews: 150 token ids, positive or negative. */
    IMDB(Shape.of(150), DType.INT32, 2);

    private final Shape example;
    private final DType exampleType;
    private final int classes;

    Task(Shape example, DType exampleType, int classes) {
        this.example = example;
        this.exampleType = exampleType;
        this.classes = classes;
    }

    public Shape exampleShape() {
        return example;
    }

    public DType exampleType() {
        return exampleType;
    }

    public int classes() {
        return classes;
    }
}
