package rosetta.datasets.imdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void lowerCasesAndSplitsOnKerasFilterCharacters() {
        assertEquals(List.of("hello", "world", "it's", "great"), Tokenizer.words("Hello, World!  It's GREAT..."));
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), Tokenizer.words("a-b_c(d)\te\nf"));
        assertEquals(List.of("x", "y"), Tokenizer.words("x!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~y"));
    }

    @Test
    void htmlLineBreaksSeparateWordsAndLeaveNoBr() {
        assertEquals(List.of("end", "next", "line"), Tokenizer.words("End.<br /><br />Next<BR />line"));
        assertEquals(List.of("word", "next"), Tokenizer.words("word<br />next"));
    }

    @Test
    void onlyTheSpaceAndTheFiltersSplitAsPythonsSplitOnASpace() {
        assertEquals(List.of("x\ry", "café", "naïve"), Tokenizer.words("x\ry Café NAÏVE"));
        assertEquals(List.of(), Tokenizer.words(" ... "));
        assertEquals(List.of(), Tokenizer.words(""));
    }
}
