package rosetta.datasets.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rosetta.datasets.DataException;
import rosetta.datasets.ImageDataset;
import rosetta.datasets.Split;
import rosetta.tensor.Shape;

/**
 * MNIST (LeCun et al. 1998) from its four IDX files, each plain or {@code .gz}: 60,000 training and
 * 10,000 test digits as [1, 28, 28] images scaled to x/255, labels 0..9. A fast real image task for
 * checks that do not need CIFAR-10.
 */
public final class Mnist {
    public static final String FOLDER = "mnist";
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    static final String HINT = "put the four MNIST files (" + String.join(", ", FILES)
            + ", each plain or .gz) in one folder and pass it with --data, or use --synthetic";
    private static final Shape IMAGE = Shape.of(1, 28, 28);
    private static final int CLASSES = 10;

    private Mnist() {
    }

    /** Reads the files from {@code source} or from its {@code mnist/} subfolder. */
    public static Split load(Path source) {
        if (!Files.isDirectory(source)) {
            throw new DataException("MNIST not found: " + source + " is not a folder; " + HINT);
        }
        Path dir = !holdsFiles(source) && Files.isDirectory(source.resolve(FOLDER)) ? source.resolve(FOLDER) : source;
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : FILES) {
            Path plain = dir.resolve(name);
            Path gz = dir.resolve(name + ".gz");
            if (Files.isRegularFile(plain) || Files.isRegularFile(gz)) {
                files.add(Files.isRegularFile(plain) ? plain : gz);
            } else {
                missing.add(name + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException("MNIST not found: " + dir + " lacks " + String.join(", ", missing) + "; " + HINT);
        }
        return new Split(dataset("MNIST train", files.get(0), files.get(1)),
                dataset("MNIST test", files.get(2), files.get(3)));
    }

    /** True if {@code dir} holds at least one of the four files, plain or compressed. */
    public static boolean holdsFiles(Path dir) {
        return FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)) || Files.exists(dir.resolve(f + ".gz")));
    }

    private static ImageDataset dataset(String name, Path imageFile, Path labelFile) {
        IdxFile images = IdxFile.read(imageFile, IMAGE.dim(1), IMAGE.dim(2));
        IdxFile labels = IdxFile.read(labelFile);
        if (images.count() != labels.count()) {
            throw new DataException(imageFile + " holds " + images.count() + " images but " + labelFile + " holds "
                    + labels.count() + " labels, expected one label per image; " + HINT);
        }
        int[] classes = new int[labels.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.data()[i] & 0xFF;
            if (classes[i] >= CLASSES) {
                throw new DataException(labelFile + ": label " + i + " is " + classes[i] + ", expected 0..9; " + HINT);
            }
        }
        return new ImageDataset(name, IMAGE, CLASSES, images.data(), classes);
    }
}
