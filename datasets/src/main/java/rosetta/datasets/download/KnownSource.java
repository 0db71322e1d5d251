package rosetta.datasets.download;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;
import rosetta.datasets.DataException;

/** The official archives Rosetta can download, with the MD5 sums their publishers give. */
public enum KnownSource {
    /** The binary version, https://www.cs.toronto.edu/~kriz/cifar.html. */
    CIFAR10("cifar10", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
            "cifar-10-binary.tar.gz"),
    /** The Large Movie Review Dataset v1.0, https://ai.stanford.edu/~amaas/data/sentiment/. */
    IMDB("imdb", "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz", "7c2ac02c03563afcf9b574c7e56c153b",
            "aclImdb_v1.tar.gz");

    private final String id;
    private final URI uri;
    private final String md5;
    private final String fileName;

    KnownSource(String id, String uri, String md5, String fileName) {
        this.id = id;
        this.uri = URI.create(uri);
        this.md5 = md5;
        this.fileName = fileName;
    }

    /** The name used on the command line, as in {@code rosetta download cifar10}. */
    public String id() {
        return id;
    }

    public URI uri() {
        return uri;
    }

    public String md5() {
        return md5;
    }

    /** The name the archive is saved under in the data folder. */
    public String fileName() {
        return fileName;
    }

    public static KnownSource named(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() -> new DataException(
                "unknown data set '" + id + "', expected one of " + Arrays.stream(values()).map(KnownSource::id)
                        .collect(Collectors.joining(", "))));
    }
}
