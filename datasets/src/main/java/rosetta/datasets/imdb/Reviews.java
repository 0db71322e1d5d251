package rosetta.datasets.imdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import rosetta.datasets.DataException;
import rosetta.datasets.archive.TarGz;

/**
 * The labelled review texts of aclImdb (Maas et al. 2011), {@code {train,test}/{neg,pos}/<id>_<rating>.txt},
 * read from the official archive (streamed; {@code unsup/} and the other files are skipped) or from its
 * extracted folder.
 *
 * <p>Order: within a split, every {@code neg} review, then every {@code pos} review, each by the numeric
 * id in its file name. The order of the benchmark's {@code imdb.npz} is unknown; this one is
 * reproducible from the texts alone and decides which reviews an evaluation of whole batches leaves out.
 */
final class Reviews {
    static final List<String> SPLITS = List.of("train", "test");
    /** Label 0 is neg, label 1 is pos. */
    static final List<String> POLARITIES = List.of("neg", "pos");
    private static final Pattern REVIEW = Pattern.compile("(?:.*/)?(train|test)/(neg|pos)/(\\d+)_\\d+\\.txt");

    private final Map<String, TreeMap<Integer, String>> groups = new HashMap<>();
    private final String source;

    private Reviews(String source) {
        this.source = source;
        for (String split : SPLITS) {
            for (String polarity : POLARITIES) {
                groups.put(split + "/" + polarity, new TreeMap<>());
            }
        }
    }

    /** Reads the archive {@code source}, or the folder {@code source} laid out as {@code aclImdb/}. */
    static Reviews read(Path source) {
        Reviews reviews = new Reviews(source.toString());
        if (Files.isRegularFile(source)) {
            reviews.readArchive(source);
        } else {
            reviews.readFolder(source);
        }
        reviews.checkComplete();
        return reviews;
    }

    /** The texts of {@code split}, neg then pos, each by id. */
    List<String> texts(String split) {
        List<String> texts = new ArrayList<>();
        for (String polarity : POLARITIES) {
            texts.addAll(groups.get(split + "/" + polarity).values());
        }
        return texts;
    }

    /** The labels matching {@link #texts}: 0 for neg, 1 for pos. */
    int[] labels(String split) {
        int neg = groups.get(split + "/neg").size();
        int[] labels = new int[neg + groups.get(split + "/pos").size()];
        Arrays.fill(labels, neg, labels.length, 1);
        return labels;
    }

    private void readArchive(Path archive) {
        try {
            TarGz.forEachFile(archive, (name, size, content) -> add(name, archive + "!" + name,
                    () -> new String(content.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new DataException(archive + " is truncated or damaged (" + e.getMessage() + "), expected a complete "
                    + Imdb.ARCHIVE + "; " + Imdb.HINT, e);
        }
    }

    private void readFolder(Path dir) {
        for (String group : groups.keySet()) {
            Path folder = dir.resolve(group);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    // decoded as the archive's entries are: a malformed byte becomes U+FFFD instead of failing
                    add(group + "/" + file.getFileName(), file.toString(),
                            () -> new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new DataException("cannot read " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    /** A source of one review's text, read only if its name is a review's. */
    private interface Text {
        String read() throws IOException;
    }

    private void add(String name, String where, Text text) throws IOException {
        Matcher m = REVIEW.matcher(name);
        if (!m.matches()) {
            return;
        }
        int id;
        try {
            id = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw new DataException(where + " has an id too large for a review, expected <id>_<rating>.txt; "
                    + Imdb.HINT);
        }
        if (groups.get(m.group(1) + "/" + m.group(2)).put(id, text.read()) != null) {
            throw new DataException(where + " repeats review id " + id + " of " + m.group(1) + "/" + m.group(2)
                    + ", expected each id once; " + Imdb.HINT);
        }
    }

    private void checkComplete() {
        List<String> empty = groups.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted().toList();
        if (!empty.isEmpty()) {
            throw new DataException("no IMDB reviews for " + String.join(", ", empty) + " in " + source
                    + ", expected aclImdb/{train,test}/{neg,pos}/<id>_<rating>.txt; " + Imdb.HINT);
        }
    }
}
