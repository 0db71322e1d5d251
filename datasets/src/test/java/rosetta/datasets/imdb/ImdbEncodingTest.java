package rosetta.datasets.imdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ImdbEncodingTest {
    /** Counts the 4, movie 3, good 2, bad 2, plot 1; good came first: ranks the 1, movie 2, good 3, bad 4, plot 5. */
    private static final Vocabulary VOCABULARY = Vocabulary.fit(Stream.of(
            List.of("the", "movie", "the", "good", "the", "movie", "bad", "good", "plot"),
            List.of("bad", "movie", "the")));

    private static int[] encode(String text, int maxLen, int vocabularySize) {
        int[] out = new int[maxLen + 2];
        out[0] = -1;
        out[out.length - 1] = -1;
        new ImdbEncoding(VOCABULARY, maxLen, vocabularySize).encode(Tokenizer.words(text), out, 1);
        return out;
    }

    @Test
    void theStartTokenThenRankPlusThreeThenZeroPaddingAtTheEnd() {
        // the 1+3, movie 2+3, good 3+3; written from position 0, padded at the end; the -1s are untouched
        assertArrayEquals(new int[] {-1, 1, 4, 5, 6, 0, 0, -1}, encode("The movie, good!", 6, 100));
    }

    @Test
    void idsAtOrAboveTheVocabularySizeAndUnseenWordsBecomeOov() {
        // vocabulary size 7 keeps ids 3..6, i.e. ranks 1..3; bad (id 7) and plot (id 8) are OOV, as is "awful"
        assertArrayEquals(new int[] {-1, 1, 4, 2, 2, 6, 2, 0, -1}, encode("the bad plot good awful", 7, 7));
    }

    @Test
    void truncationKeepsTheLastTokensAndLosesTheStartToken() {
        // [1, the, movie, good, bad, plot] keeps its last 4
        assertArrayEquals(new int[] {-1, 5, 6, 7, 8, -1}, encode("the movie good bad plot", 4, 100));
        // exactly maxLen tokens with the start token: nothing lost, no padding
        assertArrayEquals(new int[] {-1, 1, 4, 5, 6, -1}, encode("the movie good", 4, 100));
    }

    @Test
    void breaksAndPunctuationAreNotWords() {
        assertArrayEquals(new int[] {-1, 1, 6, 7, 0, 0, -1}, encode("Good...<br /><br />BAD!!!", 5, 100));
        assertArrayEquals(new int[] {-1, 1, 0, 0, -1}, encode("<br />", 3, 100));
    }

    @Test
    void layoutWritesTheStartTokenAndPads() {
        int[] out = new int[4];
        ImdbEncoding.layout(new int[] {9, 8, 77}, 2, out, 0, 4);
        assertArrayEquals(new int[] {1, 9, 8, 0}, out);
    }

    @Test
    void parametersMustLeaveRoomForWords() {
        assertThrows(IllegalArgumentException.class, () -> new ImdbEncoding(VOCABULARY, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new ImdbEncoding(VOCABULARY, 5, 3));
    }
}
