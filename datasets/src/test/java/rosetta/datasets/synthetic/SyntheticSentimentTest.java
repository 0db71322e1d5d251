package rosetta.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rosetta.datasets.Dataset;
import rosetta.datasets.imdb.ImdbEncoding;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;

class SyntheticSentimentTest {
    private static final int MAX_LEN = 40;
    private static final int VOCABULARY = 500;

    private static int[] tokens(Dataset set, int i) {
        int[] ids = new int[set.exampleSize()];
        set.copyExample(i, ids, 0);
        return ids;
    }

    @Test
    void isLaidOutAsTheEncodedImdbReviews() {
        SyntheticSentiment data = new SyntheticSentiment(400, 10, MAX_LEN, VOCABULARY, 1);
        Dataset train = data.train();
        assertEquals(Shape.of(MAX_LEN), train.exampleShape());
        assertEquals(DType.INT32, train.exampleType());
        assertEquals(2, train.classes());
        int started = 0;
        int padded = 0;
        int oov = 0;
        for (int i = 0; i < train.size(); i++) {
            int[] ids = tokens(train, i);
            int length = 0;
            while (length < MAX_LEN && ids[length] != ImdbEncoding.PAD) {
                length++;
            }
            for (int t = 0; t < MAX_LEN; t++) {
                assertTrue(t < length ? ids[t] >= 1 && ids[t] < VOCABULARY : ids[t] == 0,
                        "review " + i + ": ids, then zeros only at the end: " + Arrays.toString(ids));
                assertTrue(t == 0 || ids[t] != ImdbEncoding.START, "the start token comes first only");
                oov += ids[t] == ImdbEncoding.OOV ? 1 : 0;
            }
            started += ids[0] == ImdbEncoding.START ? 1 : 0;
            padded += length < MAX_LEN ? 1 : 0;
        }
        // lengths run from maxLen/5 to 2 maxLen words: about half are cut and lose the start token
        assertTrue(started > 120 && started < 280, started + " of 400 keep the start token");
        assertTrue(padded > 120 && padded < 280, padded + " of 400 are padded");
        assertTrue(oov > 0, "some words are OOV");
    }

    @Test
    void isDeterministicForASeedAndGrowsByAppending() {
        SyntheticSentiment small = new SyntheticSentiment(6, 2, MAX_LEN, VOCABULARY, 9);
        SyntheticSentiment large = new SyntheticSentiment(8, 3, MAX_LEN, VOCABULARY, 9);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(tokens(small.train(), i), tokens(large.train(), i));
            assertEquals(small.train().label(i), large.train().label(i));
        }
        assertArrayEquals(small.lexicon(1), large.lexicon(1));
        assertFalse(Arrays.equals(tokens(small.train(), 0),
                tokens(new SyntheticSentiment(6, 2, MAX_LEN, VOCABULARY, 10).train(), 0)));
    }

    @Test
    void theLexiconsAreDisjointWordIds() {
        SyntheticSentiment data = new SyntheticSentiment(1, 1, MAX_LEN, VOCABULARY, 2);
        Set<Integer> words = new HashSet<>();
        for (int label = 0; label < 2; label++) {
            for (int id : data.lexicon(label)) {
                assertTrue(id >= ImdbEncoding.INDEX_FROM && id < VOCABULARY);
                assertTrue(words.add(id), "id " + id + " is in both lexicons");
            }
        }
        assertEquals(2 * SyntheticSentiment.LEXICON, words.size());
    }

    /**
     * The signal, found without knowing the lexicon: naive Bayes over word counts, fitted on 600
     * reviews, labels 400 test reviews far above the 50% of chance (84.5% with this seed).
     */
    @Test
    void wordCountsOfAFewHundredReviewsPredictTheLabel() {
        SyntheticSentiment data = new SyntheticSentiment(600, 400, MAX_LEN, VOCABULARY, 4);
        double[][] counts = new double[2][VOCABULARY];
        for (double[] c : counts) {
            Arrays.fill(c, 1);
        }
        for (int i = 0; i < data.train().size(); i++) {
            for (int id : tokens(data.train(), i)) {
                counts[data.train().label(i)][id] += id > ImdbEncoding.OOV ? 1 : 0;
            }
        }
        double[] logOdds = new double[VOCABULARY];
        double[] totals = {Arrays.stream(counts[0]).sum(), Arrays.stream(counts[1]).sum()};
        for (int id = 0; id < VOCABULARY; id++) {
            logOdds[id] = Math.log(counts[1][id] / totals[1]) - Math.log(counts[0][id] / totals[0]);
        }
        int correct = 0;
        for (int i = 0; i < data.test().size(); i++) {
            double score = 0;
            for (int id : tokens(data.test(), i)) {
                score += id > ImdbEncoding.OOV ? logOdds[id] : 0;
            }
            correct += (score > 0 ? 1 : 0) == data.test().label(i) ? 1 : 0;
        }
        double accuracy = correct / 400.0;
        assertTrue(accuracy > 0.75, "naive Bayes: " + accuracy);
    }

    @Test
    void refusesAVocabularyTooSmallForTheLexicon() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSentiment(1, 1, MAX_LEN, 40, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSentiment(1, 1, 4, VOCABULARY, 1));
    }
}
