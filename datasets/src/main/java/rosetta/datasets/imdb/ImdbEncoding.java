package rosetta.datasets.imdb;

import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's encoding of a review (ilkarman/DeepLearningFrameworks notebooks/common/utils.py
 * @671e2a0, {@code imdb_for_library}, which copies {@code keras/datasets/imdb.py}): the start token, then
 * each word's rank plus 3; ids at or above the vocabulary size become the OOV token; only the last
 * {@code maxLen} tokens are kept (a long review loses its start token), written from position 0, and the
 * rest is zero padding at the end. This post-padding differs from Keras's {@code pad_sequences}
 * (pre-padding); the GRU runs through the zero tail and its last step is classified.
 */
public final class ImdbEncoding {
    public static final int PAD = 0;
    public static final int START = 1;
    public static final int OOV = 2;
    /** Ranks start at 1 and are shifted past PAD, START and OOV. */
    public static final int INDEX_FROM = 3;

    private final Vocabulary vocabulary;
    private final int maxLen;
    private final int vocabularySize;

    /** {@code vocabularySize}: ids below it are kept, so ranks 1..vocabularySize-4 survive. */
    public ImdbEncoding(Vocabulary vocabulary, int maxLen, int vocabularySize) {
        if (maxLen < 1 || vocabularySize <= INDEX_FROM) {
            throw new IllegalArgumentException("need maxLen >= 1 and a vocabulary size above " + INDEX_FROM + ", got "
                    + maxLen + " and " + vocabularySize);
        }
        this.vocabulary = vocabulary;
        this.maxLen = maxLen;
        this.vocabularySize = vocabularySize;
    }

    public int maxLen() {
        return maxLen;
    }

    /** Writes the {@code maxLen} ids of a review split into {@code words} to {@code dst[offset ..]}. */
    public void encode(List<String> words, int[] dst, int offset) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(words.get(i));
        }
        layout(ids, ids.length, dst, offset, maxLen);
    }

    /** A word's id: rank + 3, or OOV for words ranked too low or never seen in training. */
    public int id(String word) {
        int rank = vocabulary.rank(word);
        int id = rank + INDEX_FROM;
        return rank == 0 || id >= vocabularySize ? OOV : id;
    }

    /**
     * Writes START followed by {@code ids[0 .. count)}, keeping the last {@code maxLen} tokens, to
     * {@code dst[offset .. offset + maxLen)} and pads the rest with zeros at the end.
     */
    public static void layout(int[] ids, int count, int[] dst, int offset, int maxLen) {
        int tokens = count + 1;
        int skip = Math.max(0, tokens - maxLen);
        int pos = offset;
        for (int t = skip; t < tokens; t++) {
            dst[pos++] = t == 0 ? START : ids[t - 1];
        }
        Arrays.fill(dst, pos, offset + maxLen, PAD);
    }
}
