package rosetta.datasets.download;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import rosetta.datasets.DataException;
import rosetta.datasets.cifar.Cifar10;
import rosetta.datasets.imdb.Imdb;
import rosetta.datasets.mnist.Mnist;

/**
 * Finds the data folder and the data sets in it. The folder is {@code --data} when given, else
 * {@code $ROSETTA_DATA} when set, else {@code ~/.rosetta/data}; downloads go there too. Within it each
 * data set is looked up under the names its publishers use, plus the layout of this project's shared
 * data folder ({@code imdb/}, {@code mnist/}, {@code cifar-10-jpeg75/}).
 */
public final class DataLocator {
    public static final String ENV = "ROSETTA_DATA";

    private final Path root;
    private final String origin;

    /**
     * @param explicit {@code --data}, or null
     * @param env the environment ({@code System.getenv()} outside tests)
     * @param home the user's home folder
     */
    public DataLocator(Path explicit, Map<String, String> env, Path home) {
        String fromEnv = env.get(ENV);
        if (explicit != null) {
            root = explicit;
            origin = "--data";
        } else if (fromEnv != null && !fromEnv.isBlank()) {
            root = Path.of(fromEnv);
            origin = "$" + ENV;
        } else {
            root = home.resolve(".rosetta").resolve("data");
            origin = "~/.rosetta/data";
        }
    }

    /** The locator of this process: its environment and home folder. */
    public static DataLocator fromSystem(Path explicit) {
        return new DataLocator(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public Path root() {
        return root;
    }

    /** Where the root came from: {@code --data}, {@code $ROSETTA_DATA} or {@code ~/.rosetta/data}. */
    public String origin() {
        return origin;
    }

    /**
     * The CIFAR-10 source for {@link Cifar10#load}: the root itself when it holds the binary files, else
     * {@code cifar-10-batches-bin/}, {@code cifar-10-binary.tar.gz} or {@code cifar-10-jpeg75/} in it. The
     * python-pickle version is returned too, so that the reader can say why it is refused.
     */
    public Path cifar10() {
        Path marker = root.resolve("data_batch_1.bin");
        Path found = find("CIFAR-10", List.of(marker, root.resolve(Cifar10.FOLDER), root.resolve(Cifar10.ARCHIVE),
                root.resolve("cifar-10-jpeg75")), List.of(root.resolve("cifar-10-batches-py"),
                        root.resolve("cifar-10-python.tar.gz")), "run `rosetta download cifar10`");
        return found.equals(marker) ? root : found;
    }

    /** The IMDB source for {@link Imdb#load}: the official or the labelled archive, or {@code aclImdb/}. */
    public Path imdb() {
        List<Path> accepted = Stream.of(root, root.resolve("imdb"))
                .flatMap(dir -> Stream.of(Imdb.ARCHIVE, Imdb.LABELLED_ARCHIVE, Imdb.FOLDER).map(dir::resolve))
                .toList();
        return find("IMDB", accepted, List.of(), "run `rosetta download imdb`");
    }

    /** The MNIST folder for {@link Mnist#load}: the root itself when it holds the files, else {@code mnist/}. */
    public Path mnist() {
        String first = Mnist.FILES.get(0);
        List<Path> markers = List.of(root.resolve(first), root.resolve(first + ".gz"));
        Path found = find("MNIST", List.of(markers.get(0), markers.get(1), root.resolve(Mnist.FOLDER)), List.of(),
                "put " + String.join(", ", Mnist.FILES) + " (each plain or .gz) in " + root.resolve(Mnist.FOLDER));
        return markers.contains(found) ? root : found;
    }

    /** The first of {@code accepted} then {@code refused} that exists; the message names only the accepted. */
    private Path find(String what, List<Path> accepted, List<Path> refused, String fix) {
        return Stream.concat(accepted.stream(), refused.stream()).filter(Files::exists).findFirst()
                .orElseThrow(() -> new DataException(what + " not found in " + root + " (from " + origin
                        + "): looked for " + accepted.stream().map(Path::toString).collect(Collectors.joining(", "))
                        + "; " + fix + ", pass --data DIR, or use --synthetic"));
    }
}
