package rosetta.tensor;

/** Memory order of a 4-D image batch. */
public enum Layout {
    /** [batch, channels, height, width]: cuDNN's and PyTorch's default. */
    NCHW,
    /** [batch, height, width, channels]: TensorFlow's and Keras's default. */
    NHWC;

    /** The shape of a batch of {@code n} images with {@code c} channels of {@code h} x {@code w}. */
    public Shape shape(int n, int c, int h, int w) {
        return this == NCHW ? Shape.of(n, c, h, w) : Shape.of(n, h, w, c);
    }

    public int channels(Shape s) {
        return s.dim(this == NCHW ? 1 : 3);
    }

    public int height(Shape s) {
        return s.dim(this == NCHW ? 2 : 1);
    }

    public int width(Shape s) {
        return s.dim(this == NCHW ? 3 : 2);
    }

    /** The axis that holds channels. */
    public int channelAxis() {
        return this == NCHW ? 1 : 3;
    }
}
