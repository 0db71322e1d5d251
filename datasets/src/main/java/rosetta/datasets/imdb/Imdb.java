package rosetta.datasets.imdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import rosetta.datasets.DataException;
import rosetta.datasets.Split;
import rosetta.datasets.archive.TarGz;

/**
 * The IMDB sentiment task as the benchmark encodes it, built from the official review texts: 25,000
 * training and 25,000 test reviews, [maxLen] INT32 ids each (see {@link ImdbEncoding}), label 1 for a
 * positive review and 0 for a negative one. The vocabulary is ranked on the training texts only (see
 * {@link Tokenizer} and {@link Vocabulary}); the Keras {@code imdb.npz} the notebooks used is not
 * available, and its word index was built the same way. Review order: see {@link Reviews}.
 */
public final class Imdb {
    public static final int DEFAULT_MAX_LEN = 150;
    public static final int DEFAULT_VOCABULARY = 30_000;
    public static final String ARCHIVE = "aclImdb_v1.tar.gz";
    public static final String LABELLED_ARCHIVE = "aclImdb_v1-labelled.tar.gz";
    public static final String FOLDER = "aclImdb";
    static final String HINT = "get the review texts with `rosetta download imdb`, or use --synthetic";

    private Imdb() {
    }

    /** {@link #load(Path, Path, int, int)} with the benchmark's maxLen 150 and vocabulary 30,000. */
    public static Split load(Path source, Path cacheDir) {
        return load(source, cacheDir, DEFAULT_MAX_LEN, DEFAULT_VOCABULARY);
    }

    /**
     * Reads {@code source} (the archive, the {@code aclImdb/} folder or the folder holding it), or the
     * encoded reviews cached for it under {@code cacheDir}.
     */
    public static Split load(Path source, Path cacheDir, int maxLen, int vocabularySize) {
        checkSource(source);
        Path texts = Files.isDirectory(source.resolve(FOLDER)) ? source.resolve(FOLDER) : source;
        SourceKey key = SourceKey.of(texts);
        ImdbCache cache = new ImdbCache(cacheDir);
        Optional<EncodedReviews> cached = cache.encoded(key, maxLen, vocabularySize);
        if (cached.isPresent()) {
            return cached.get().split();
        }
        Reviews reviews = Reviews.read(texts);
        Vocabulary vocabulary = cache.vocabulary(key).orElseGet(() -> {
            Vocabulary fitted = Vocabulary.fit(reviews.texts("train").stream().map(Tokenizer::words));
            cache.saveVocabulary(key, fitted);
            return fitted;
        });
        ImdbEncoding encoding = new ImdbEncoding(vocabulary, maxLen, vocabularySize);
        EncodedReviews encoded = new EncodedReviews(maxLen, encode(reviews.texts("train"), encoding),
                reviews.labels("train"), encode(reviews.texts("test"), encoding), reviews.labels("test"));
        cache.saveEncoded(key, vocabularySize, encoded);
        return encoded.split();
    }

    private static int[] encode(List<String> texts, ImdbEncoding encoding) {
        int[] tokens = new int[Math.multiplyExact(texts.size(), encoding.maxLen())];
        for (int i = 0; i < texts.size(); i++) {
            encoding.encode(Tokenizer.words(texts.get(i)), tokens, i * encoding.maxLen());
        }
        return tokens;
    }

    private static void checkSource(Path source) {
        if (!Files.exists(source)) {
            throw new DataException("IMDB not found: " + source + " does not exist, expected " + ARCHIVE + ", "
                    + LABELLED_ARCHIVE + " or the " + FOLDER + "/ folder; " + HINT);
        }
        if (Files.isRegularFile(source) && !TarGz.isArchiveName(source)) {
            String pretokenised = source.getFileName().toString().endsWith(".npz")
                    ? " (Keras's pre-tokenised imdb.npz has no texts to build the vocabulary from)" : "";
            throw new DataException(source + " is not a review archive" + pretokenised + ", expected " + ARCHIVE + ", "
                    + LABELLED_ARCHIVE + " or the " + FOLDER + "/ folder; " + HINT);
        }
    }
}
