package rosetta.datasets.imdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rosetta.datasets.testing.Messages.assertDataError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rosetta.datasets.Dataset;
import rosetta.datasets.Split;
import rosetta.datasets.testing.Archives;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;

class ImdbTest {
    private static final int MAX_LEN = 5;
    /** Ids 3..9 survive: ranks 1..6. */
    private static final int VOCABULARY = 10;

    /**
     * Train words, in the order read (neg 0, 1, 10, then pos 2, 3): a bad bad movie boring | the acting was
     * bad | bad plot | great | a good movie good acting good plot. Counts: bad 4, good 3, a, movie, acting,
     * plot 2, the rest 1, so the ranks are bad 1, good 2, a 3, movie 4, acting 5, plot 6, boring 7, the 8,
     * was 9, great 10, and the ids (rank + 3, below 10) bad 4, good 5, a 6, movie 7, acting 8, plot 9.
     */
    private static Map<String, String> corpus() {
        Map<String, String> reviews = new LinkedHashMap<>();
        reviews.put("train/pos/3_9.txt", "A good movie! Good acting, good plot.");
        reviews.put("train/neg/10_2.txt", "bad plot");
        reviews.put("train/neg/0_1.txt", "A bad, BAD movie.<br /><br />Boring!");
        reviews.put("train/pos/2_10.txt", "great");
        reviews.put("train/neg/1_3.txt", "The acting was bad.");
        reviews.put("test/pos/12_7.txt", "");
        reviews.put("test/neg/0_2.txt", "Bad acting, unseen-words!");
        reviews.put("test/pos/5_8.txt", "GOOD\tgood\ngood");
        return reviews;
    }

    private static final int[][] TRAIN = {
        {6, 4, 4, 7, 2}, // neg 0: [1, a, bad, bad, movie, boring] keeps its last 5, boring is OOV
        {1, 2, 8, 2, 4}, // neg 1: the and was are OOV
        {1, 4, 9, 0, 0}, // neg 10: after neg 1, by number
        {1, 2, 0, 0, 0}, // pos 2: great is OOV
        {7, 5, 8, 5, 9}, // pos 3: the last 5 of [1, a, good, movie, good, acting, good, plot]
    };
    private static final int[][] TEST = {
        {1, 4, 8, 2, 2}, // neg 0: words unseen in training are OOV
        {1, 5, 5, 5, 0}, // pos 5: tab and newline separate words
        {1, 0, 0, 0, 0}, // pos 12: an empty review is the start token alone
    };

    @TempDir
    Path tmp;

    private static Path archive(Path file, Map<String, String> reviews) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("aclImdb/", new byte[0]);
        entries.put("aclImdb/README", "Large Movie Review Dataset v1.0".getBytes(StandardCharsets.UTF_8));
        entries.put("aclImdb/imdb.vocab", "the\nand\n".getBytes(StandardCharsets.UTF_8));
        entries.put("aclImdb/train/labeledBow.feat", "0 0:1".getBytes(StandardCharsets.UTF_8));
        entries.put("aclImdb/train/urls_neg.txt", "http://www.imdb.com/title/tt1/".getBytes(StandardCharsets.UTF_8));
        entries.put("aclImdb/train/unsup/0_0.txt", "unlabelled reviews are not read".getBytes(StandardCharsets.UTF_8));
        reviews.forEach((name, text) -> entries.put("aclImdb/" + name, text.getBytes(StandardCharsets.UTF_8)));
        // stored, not deflated, so that texts of the same length make archives of the same size
        return Archives.writeTarGz(file, entries, Deflater.NO_COMPRESSION);
    }

    private static Path folder(Path root, Map<String, String> reviews) throws IOException {
        for (Map.Entry<String, String> e : reviews.entrySet()) {
            Path file = root.resolve("aclImdb").resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        return root;
    }

    private static void assertEncoded(int[][] expected, int[] labels, Dataset set) {
        assertEquals(expected.length, set.size());
        assertEquals(Shape.of(MAX_LEN), set.exampleShape());
        assertEquals(DType.INT32, set.exampleType());
        assertEquals(2, set.classes());
        for (int i = 0; i < expected.length; i++) {
            int[] ids = new int[MAX_LEN];
            set.copyExample(i, ids, 0);
            assertArrayEquals(expected[i], ids, set.name() + " review " + i);
            assertEquals(labels[i], set.label(i), set.name() + " label " + i);
        }
    }

    private static void assertTinyCorpus(Split split) {
        assertEncoded(TRAIN, new int[] {0, 0, 0, 1, 1}, split.train());
        assertEncoded(TEST, new int[] {0, 1, 1}, split.test());
    }

    @Test
    void encodesTheArchiveNegThenPosByFileNumber() throws IOException {
        assertTinyCorpus(Imdb.load(archive(tmp.resolve(Imdb.ARCHIVE), corpus()), tmp.resolve("cache"), MAX_LEN,
                VOCABULARY));
    }

    @Test
    void theExtractedFolderReadsAsTheArchive() throws IOException {
        Path root = folder(tmp.resolve("data"), corpus());
        assertTinyCorpus(Imdb.load(root.resolve("aclImdb"), tmp.resolve("cache"), MAX_LEN, VOCABULARY));
        assertTinyCorpus(Imdb.load(root, tmp.resolve("cache2"), MAX_LEN, VOCABULARY));
    }

    @Test
    void theBenchmarkDefaultsAreMaxLen150AndVocabulary30000() throws IOException {
        Split split = Imdb.load(archive(tmp.resolve(Imdb.ARCHIVE), corpus()), tmp.resolve("cache"));
        int[] ids = new int[150];
        split.train().copyExample(0, ids, 0);
        int[] expected = new int[150];
        System.arraycopy(new int[] {1, 6, 4, 4, 7, 10}, 0, expected, 0, 6);
        assertArrayEquals(expected, ids);
    }

    /**
     * Loads the tiny corpus into the cache, then rewrites the archive with "bad plot" replaced by "bad film":
     * the same size and modification time, so the same cache key, but other words.
     */
    private Path cachedThenSwapped() throws IOException {
        Path archive = archive(tmp.resolve(Imdb.ARCHIVE), corpus());
        FileTime written = Files.getLastModifiedTime(archive);
        Imdb.load(archive, tmp.resolve("cache"), MAX_LEN, VOCABULARY);
        Map<String, String> other = corpus();
        other.put("train/neg/10_2.txt", "bad film");
        archive(archive, other);
        Files.setLastModifiedTime(archive, written);
        return archive;
    }

    @Test
    void aSecondLoadReadsTheCacheInsteadOfTheSource() throws IOException {
        Path archive = cachedThenSwapped();
        FileTime written = Files.getLastModifiedTime(archive);
        // only a cache hit still gives the first encoding
        assertTinyCorpus(Imdb.load(archive, tmp.resolve("cache"), MAX_LEN, VOCABULARY));
        // a new modification time is another source
        Files.setLastModifiedTime(archive, FileTime.fromMillis(written.toMillis() + 1000));
        int[] ids = new int[MAX_LEN];
        Imdb.load(archive, tmp.resolve("cache"), MAX_LEN, VOCABULARY).train().copyExample(2, ids, 0);
        assertArrayEquals(new int[] {1, 4, 2, 0, 0}, ids, "film is OOV, plot no longer in the vocabulary");
    }

    @Test
    void aCorruptCacheIsRebuilt() throws IOException {
        Path archive = archive(tmp.resolve(Imdb.ARCHIVE), corpus());
        Imdb.load(archive, tmp.resolve("cache"), MAX_LEN, VOCABULARY);
        ImdbCache cache = new ImdbCache(tmp.resolve("cache"));
        SourceKey key = SourceKey.of(archive);
        Path encoded = cache.encodedFile(key, MAX_LEN, VOCABULARY);
        Path vocabulary = cache.vocabularyFile(key);
        byte[] bytes = Files.readAllBytes(encoded);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(encoded, bytes);
        Archives.truncate(vocabulary, 0.5);

        assertTinyCorpus(Imdb.load(archive, tmp.resolve("cache"), MAX_LEN, VOCABULARY));
        assertTrue(cache.encoded(key, MAX_LEN, VOCABULARY).isPresent(), "encoded reviews rewritten");
        assertEquals(10, cache.vocabulary(key).orElseThrow().size(), "vocabulary rewritten");
    }

    @Test
    void anotherMaxLenReusesTheCachedVocabulary() throws IOException {
        Path archive = cachedThenSwapped();
        Split shorter = Imdb.load(archive, tmp.resolve("cache"), 3, VOCABULARY);
        int[] ids = new int[3];
        shorter.train().copyExample(2, ids, 0);
        assertArrayEquals(new int[] {1, 4, 2}, ids, "the texts are read again for the new length");
        shorter.train().copyExample(4, ids, 0);
        // a vocabulary fitted on the new texts would rank plot 11th (OOV); the cached one ranks it 6th
        assertArrayEquals(new int[] {8, 5, 9}, ids, "the vocabulary comes from the cache");
    }

    @Test
    void missingOrWrongSourcesSayWhatToRun() throws IOException {
        assertDataError(() -> Imdb.load(tmp.resolve("nowhere"), tmp), "does not exist", Imdb.ARCHIVE,
                "rosetta download imdb", "--synthetic");
        Path npz = Files.write(tmp.resolve("imdb.npz"), new byte[4]);
        assertDataError(() -> Imdb.load(npz, tmp), "imdb.npz is not a review archive", "pre-tokenised");
        Map<String, String> noTestPos = corpus();
        noTestPos.keySet().removeIf(k -> k.startsWith("test/pos"));
        Path root = folder(tmp.resolve("data"), noTestPos);
        assertDataError(() -> Imdb.load(root, tmp.resolve("cache")), "no IMDB reviews for test/pos",
                "rosetta download imdb");
    }

    @Test
    void aRepeatedIdAndATruncatedArchiveAreRefused() throws IOException {
        Map<String, String> twice = corpus();
        twice.put("train/neg/1_4.txt", "the same id as 1_3");
        Path archive = archive(tmp.resolve("twice.tar.gz"), twice);
        assertDataError(() -> Imdb.load(archive, tmp.resolve("cache")), "repeats review id 1 of train/neg");
        Path cut = archive(tmp.resolve("cut.tar.gz"), corpus());
        Archives.truncate(cut, 0.5);
        assertDataError(() -> Imdb.load(cut, tmp.resolve("cache")), "truncated or damaged", "rosetta download imdb");
    }
}
