package rosetta.datasets.imdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void ranksByCountAndBreaksTiesByFirstAppearance() {
        Vocabulary v = Vocabulary.fit(Stream.of(List.of("b", "a", "c"), List.of("a", "c", "d"), List.of("d", "e"),
                List.of("c")));
        // counts: b 1, a 2, c 3, d 2, e 1; first seen in the order b, a, c, d, e
        assertEquals(List.of("c", "a", "d", "b", "e"), v.words());
        assertEquals(1, v.rank("c"));
        assertEquals(2, v.rank("a"));
        assertEquals(3, v.rank("d"));
        assertEquals(4, v.rank("b"));
        assertEquals(5, v.rank("e"));
        assertEquals(0, v.rank("unseen"));
        assertEquals("d", v.word(3));
        assertEquals(5, v.size());
    }
}
