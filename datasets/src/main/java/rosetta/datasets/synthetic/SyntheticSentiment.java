package rosetta.datasets.synthetic;

import java.util.Arrays;
import rosetta.datasets.Dataset;
import rosetta.datasets.SequenceDataset;
import rosetta.datasets.Split;
import rosetta.datasets.imdb.ImdbEncoding;
import rosetta.tensor.random.RngStream;

/**
 * A stand-in for the encoded IMDB reviews: sequences laid out exactly as {@link ImdbEncoding} lays them
 * out (start token, ids from 3 up to the vocabulary size, some OOV, the last maxLen tokens kept, zero
 * padding at the end), labels 0 and 1. Review lengths vary from a fifth of maxLen to twice maxLen, so
 * about half are truncated, as IMDB reviews at maxLen 150 are. Neutral words follow a Zipf-like law. A
 * lexicon of 8 positive and 8 negative word ids carries the label: each word is a lexicon word with
 * probability 0.25, of the review's polarity 4 times in 5, and every review shows at least one of its own
 * polarity. Word identities alone carry the label, so a small GRU learns it within a few hundred Adam
 * steps.
 *
 * <p>Deterministic for a seed; example {@code i} depends only on the seed, the split and {@code i}.
 */
public final class SyntheticSentiment {
    static final int LEXICON = 8;
    /** Lexicon, some neutral words and the reserved ids must fit. */
    static final int MIN_VOCABULARY = 64;
    private static final double SENTIMENT_RATE = 0.25;
    private static final double OWN_POLARITY = 0.8;
    private static final double OOV_RATE = 0.02;

    private final Split split;
    /** lexicon[0]: negative word ids, lexicon[1]: positive word ids. */
    private final int[][] lexicon;

    public SyntheticSentiment(int train, int test, int maxLen, int vocabulary, long seed) {
        if (train < 0 || test < 0 || maxLen < 5 || vocabulary < MIN_VOCABULARY) {
            throw new IllegalArgumentException("need non-negative example counts, maxLen >= 5 and a vocabulary of at "
                    + "least " + MIN_VOCABULARY + ", got " + train + ", " + test + ", " + maxLen + ", " + vocabulary);
        }
        RngStream root = RngStream.seeded(seed);
        int[] ids = shuffledWordIds(vocabulary, root.split("lexicon"));
        this.lexicon = new int[][] {Arrays.copyOfRange(ids, 0, LEXICON),
            Arrays.copyOfRange(ids, LEXICON, 2 * LEXICON)};
        int[] neutral = Arrays.copyOfRange(ids, 2 * LEXICON, ids.length);
        this.split = new Split(examples("synthetic sentiment train", train, maxLen, neutral, root.split("train")),
                examples("synthetic sentiment test", test, maxLen, neutral, root.split("test")));
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

    /** The word ids that signal label {@code label} (0 negative, 1 positive). */
    public int[] lexicon(int label) {
        return lexicon[label].clone();
    }

    private static int[] shuffledWordIds(int vocabulary, RngStream rng) {
        int[] ids = new int[vocabulary - ImdbEncoding.INDEX_FROM];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ImdbEncoding.INDEX_FROM + i;
        }
        rng.shuffle(ids);
        return ids;
    }

    private Dataset examples(String name, int n, int maxLen, int[] neutral, RngStream rng) {
        int[] tokens = new int[Math.multiplyExact(n, maxLen)];
        int[] labels = new int[n];
        int[] words = new int[2 * maxLen];
        for (int i = 0; i < n; i++) {
            RngStream r = rng.split(i);
            int label = r.nextInt(2);
            int length = maxLen / 5 + r.nextInt(2 * maxLen - maxLen / 5 + 1);
            boolean shown = false;
            // with the start token, the last maxLen tokens are kept: words from index `first` on
            int first = Math.max(0, length + 1 - maxLen);
            for (int w = 0; w < length; w++) {
                words[w] = word(r, label, neutral);
                shown |= w >= first && isLexicon(words[w], label);
            }
            if (!shown) {
                words[first + r.nextInt(length - first)] = lexicon[label][r.nextInt(LEXICON)];
            }
            ImdbEncoding.layout(words, length, tokens, i * maxLen, maxLen);
            labels[i] = label;
        }
        return new SequenceDataset(name, maxLen, 2, tokens, labels);
    }

    private int word(RngStream r, int label, int[] neutral) {
        double u = r.nextDouble();
        if (u < SENTIMENT_RATE) {
            int polarity = r.nextDouble() < OWN_POLARITY ? label : 1 - label;
            return lexicon[polarity][r.nextInt(LEXICON)];
        }
        if (u < SENTIMENT_RATE + OOV_RATE) {
            return ImdbEncoding.OOV;
        }
        // Zipf-like: log-uniform rank, so a few words are very frequent and most are rare
        int rank = (int) Math.floor(Math.exp(r.nextDouble() * Math.log(neutral.length + 1)));
        return neutral[Math.min(rank, neutral.length) - 1];
    }

    private boolean isLexicon(int id, int label) {
        for (int w : lexicon[label]) {
            if (w == id) {
                return true;
            }
        }
        return false;
    }
}
