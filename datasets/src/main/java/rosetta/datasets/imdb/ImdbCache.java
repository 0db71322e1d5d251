package rosetta.datasets.imdb;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rosetta.datasets.DataException;

/**
 * The IMDB vocabulary and encoded reviews kept under {@code <cache>/imdb/}, keyed by the source (its
 * path, size and modification time) and, for the encoded reviews, by maxLen and the vocabulary size. A
 * second run reads them instead of tokenising 50,000 reviews; a damaged or stale file is rebuilt.
 */
final class ImdbCache {
    private static final String VOCABULARY = "RIMDBVO1";
    private static final String ENCODED = "RIMDBEN1";

    private final Path dir;

    ImdbCache(Path cacheRoot) {
        this.dir = cacheRoot.resolve("imdb");
    }

    Optional<Vocabulary> vocabulary(SourceKey key) {
        return CacheFile.read(vocabularyFile(key), VOCABULARY).flatMap(body -> {
            try {
                if (!getString(body).equals(key.toString())) {
                    return Optional.empty();
                }
                List<String> words = new ArrayList<>();
                for (int n = body.getInt(); words.size() < n;) {
                    words.add(getString(body));
                }
                return Optional.of(new Vocabulary(words));
            } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
                return Optional.empty();
            }
        });
    }

    void saveVocabulary(SourceKey key, Vocabulary vocabulary) {
        List<byte[]> words = vocabulary.words().stream().map(w -> w.getBytes(StandardCharsets.UTF_8)).toList();
        byte[] k = key.toString().getBytes(StandardCharsets.UTF_8);
        int bytes = Integer.BYTES + k.length + Integer.BYTES
                + words.stream().mapToInt(w -> Integer.BYTES + w.length).sum();
        ByteBuffer body = ByteBuffer.allocate(bytes);
        body.putInt(k.length).put(k).putInt(words.size());
        words.forEach(w -> body.putInt(w.length).put(w));
        write(vocabularyFile(key), VOCABULARY, body);
    }

    Optional<EncodedReviews> encoded(SourceKey key, int maxLen, int vocabularySize) {
        return CacheFile.read(encodedFile(key, maxLen, vocabularySize), ENCODED).flatMap(body -> {
            try {
                if (!getString(body).equals(key.toString()) || body.getInt() != maxLen
                        || body.getInt() != vocabularySize) {
                    return Optional.empty();
                }
                int[] trainLabels = getInts(body, body.getInt());
                int[] trainTokens = getInts(body, trainLabels.length * maxLen);
                int[] testLabels = getInts(body, body.getInt());
                int[] testTokens = getInts(body, testLabels.length * maxLen);
                return Optional.of(new EncodedReviews(maxLen, trainTokens, trainLabels, testTokens, testLabels));
            } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
                return Optional.empty();
            }
        });
    }

    void saveEncoded(SourceKey key, int vocabularySize, EncodedReviews encoded) {
        byte[] k = key.toString().getBytes(StandardCharsets.UTF_8);
        int ints = 5 + encoded.trainLabels().length + encoded.trainTokens().length + encoded.testLabels().length
                + encoded.testTokens().length;
        ByteBuffer body = ByteBuffer.allocate(k.length + Integer.BYTES * ints);
        body.putInt(k.length).put(k).putInt(encoded.maxLen()).putInt(vocabularySize);
        putInts(body.putInt(encoded.trainLabels().length), encoded.trainLabels());
        putInts(body, encoded.trainTokens());
        putInts(body.putInt(encoded.testLabels().length), encoded.testLabels());
        putInts(body, encoded.testTokens());
        write(encodedFile(key, encoded.maxLen(), vocabularySize), ENCODED, body);
    }

    Path vocabularyFile(SourceKey key) {
        return dir.resolve(key.id("") + ".vocabulary");
    }

    Path encodedFile(SourceKey key, int maxLen, int vocabularySize) {
        return dir.resolve(key.id(maxLen + "/" + vocabularySize) + ".encoded");
    }

    private static void write(Path file, String magic, ByteBuffer body) {
        try {
            CacheFile.write(file, magic, body);
        } catch (IOException e) {
            throw new DataException("cannot write the IMDB cache " + file + " (" + e.getMessage()
                    + "); pass a writable cache folder", e);
        }
    }

    private static String getString(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int[] getInts(ByteBuffer b, int n) {
        int[] values = new int[n];
        b.asIntBuffer().get(values);
        b.position(b.position() + n * Integer.BYTES);
        return values;
    }

    private static void putInts(ByteBuffer b, int[] values) {
        b.asIntBuffer().put(values);
        b.position(b.position() + values.length * Integer.BYTES);
    }
}
