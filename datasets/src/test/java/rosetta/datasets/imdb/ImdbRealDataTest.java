package rosetta.datasets.imdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rosetta.datasets.Dataset;
import rosetta.datasets.Split;
import rosetta.datasets.testing.SharedData;

/** The real labelled aclImdb archive in ../shared/data, encoded as the benchmark does. */
class ImdbRealDataTest {

    @TempDir
    Path cache;

    @Test
    void encodesTwentyFiveThousandReviewsPerSplitStably() {
        Path archive = SharedData.require("imdb/" + Imdb.LABELLED_ARCHIVE);
        Split split = Imdb.load(archive, cache);
        assertEquals(25_000, split.train().size());
        assertEquals(25_000, split.test().size());
        assertLabels(split.train());
        assertLabels(split.test());

        // train/neg/0_3.txt, "Story of a man who has unnatural feelings for a pig. ...", 112 words: the start
        // token, then rank + 3 ("a" is the third most frequent word, "of" the fourth), zeros after token 113
        int[] ids = new int[150];
        split.train().copyExample(0, ids, 0);
        assertArrayEquals(new int[] {1, 64, 7, 6, 131, 36, 46, 7578, 1416, 17, 6, 4254}, Arrays.copyOf(ids, 12));
        assertEquals(113, Arrays.stream(ids).filter(id -> id != 0).count());
        assertEquals(3350, ids[112]);
        assertEquals(0, ids[113]);

        // a second load is served by the cache and gives the same ids
        int[] again = new int[150];
        Imdb.load(archive, cache).train().copyExample(0, again, 0);
        assertArrayEquals(ids, again);
    }

    /** The first 12,500 reviews are negative, the rest positive. */
    private static void assertLabels(Dataset set) {
        for (int i = 0; i < set.size(); i++) {
            assertEquals(i < 12_500 ? 0 : 1, set.label(i), set.name() + " label " + i);
        }
    }
}
