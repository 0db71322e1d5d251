package rosetta.datasets.synthetic;

import rosetta.datasets.Dataset;
import rosetta.datasets.ImageDataset;
import rosetta.datasets.Split;
import rosetta.tensor.Shape;
import rosetta.tensor.random.RngStream;

/**
 * A stand-in for CIFAR-10 with its exact shape (3x32x32 8-bit images, x/255, 10 classes) and a signal
 * a small CNN picks up within one epoch of a thousand or two examples. Each class has a smooth template
 * on a 36x36 canvas:
 * a colour of its own on a colour wheel, a sine grating of its own orientation, and a few soft blobs. An
 * example is a random 32x32 window of its class's template (so objects move by up to 4 pixels, which a
 * convolution with pooling tolerates), plus per-pixel noise and a brightness offset, clipped to [0, 1].
 *
 * <p>Deterministic for a seed; example {@code i} depends only on the seed, the split and {@code i}, so a
 * larger set begins with the examples of a smaller one.
 */
public final class SyntheticCifar {
    static final int CLASSES = 10;
    static final int CHANNELS = 3;
    static final int SIZE = 32;
    static final int MAX_SHIFT = 4;
    private static final int CANVAS = SIZE + MAX_SHIFT;
    private static final int BLOBS = 3;
    private static final double NOISE = 0.15;
    private static final double BRIGHTNESS = 0.05;

    private final Split split;

    public SyntheticCifar(int train, int test, long seed) {
        if (train < 0 || test < 0) {
            throw new IllegalArgumentException("example counts must not be negative: " + train + ", " + test);
        }
        RngStream root = RngStream.seeded(seed);
        double[][] templates = templates(root.split("templates"));
        this.split = new Split(examples("synthetic CIFAR train", train, templates, root.split("train")),
                examples("synthetic CIFAR test", test, templates, root.split("test")));
    }

    public Split split() {
        return split;
    }

    public Dataset train() {
        return split.train();
    }

    public Dataset test() {
        return split.test();
    }

    /** templates[k]: class k's [3, 36, 36] canvas. */
    private static double[][] templates(RngStream rng) {
        double[][] templates = new double[CLASSES][];
        for (int k = 0; k < CLASSES; k++) {
            double[] t = new double[CHANNELS * CANVAS * CANVAS];
            double angle = Math.PI * k / CLASSES + 0.2 * (rng.nextDouble() - 0.5);
            double frequency = 2 * Math.PI * (2 + 2 * rng.nextDouble()) / SIZE;
            double phase = 2 * Math.PI * rng.nextDouble();
            double[][] blobs = new double[BLOBS * CHANNELS][];
            for (int b = 0; b < blobs.length; b++) {
                // centre y, centre x, width, amplitude
                blobs[b] = new double[] {CANVAS * rng.nextDouble(), CANVAS * rng.nextDouble(), 3 + 5 * rng.nextDouble(),
                        0.4 * rng.nextDouble() - 0.2};
            }
            for (int c = 0; c < CHANNELS; c++) {
                double colour = 0.5 * Math.cos(2 * Math.PI * ((double) k / CLASSES - (double) c / CHANNELS));
                for (int y = 0; y < CANVAS; y++) {
                    for (int x = 0; x < CANVAS; x++) {
                        double v = 0.5 + 0.4 * colour
                                + 0.15 * Math.sin(frequency * (x * Math.cos(angle) + y * Math.sin(angle)) + phase);
                        for (int b = c * BLOBS; b < (c + 1) * BLOBS; b++) {
                            double dy = y - blobs[b][0];
                            double dx = x - blobs[b][1];
                            v += blobs[b][3] * Math.exp(-(dy * dy + dx * dx) / (2 * blobs[b][2] * blobs[b][2]));
                        }
                        t[(c * CANVAS + y) * CANVAS + x] = v;
                    }
                }
            }
            templates[k] = t;
        }
        return templates;
    }

    private static Dataset examples(String name, int n, double[][] templates, RngStream rng) {
        int pixelsPerImage = CHANNELS * SIZE * SIZE;
        byte[] pixels = new byte[Math.multiplyExact(n, pixelsPerImage)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            RngStream r = rng.split(i);
            int k = r.nextInt(CLASSES);
            int dy = r.nextInt(MAX_SHIFT + 1);
            int dx = r.nextInt(MAX_SHIFT + 1);
            double brightness = BRIGHTNESS * r.nextGaussian();
            double[] t = templates[k];
            int p = i * pixelsPerImage;
            for (int c = 0; c < CHANNELS; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        double v = t[(c * CANVAS + y + dy) * CANVAS + x + dx] + brightness + NOISE * r.nextGaussian();
                        pixels[p++] = (byte) Math.round(255 * Math.min(1, Math.max(0, v)));
                    }
                }
            }
            labels[i] = k;
        }
        return new ImageDataset(name, Shape.of(CHANNELS, SIZE, SIZE), CLASSES, pixels, labels);
    }
}
