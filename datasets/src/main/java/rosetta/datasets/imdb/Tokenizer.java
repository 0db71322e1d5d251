package rosetta.datasets.imdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a review into words as Keras's {@code Tokenizer} did when its IMDB word index was built
 * ({@code keras.preprocessing.text.text_to_word_sequence} @2.1.4: {@code lower=True}, the default
 * {@code filters} each replaced by a space, {@code split(" ")}, empty strings dropped), after removing the
 * HTML line breaks {@code <br />} that the aclImdb texts carry.
 */
public final class Tokenizer {
    /** Keras's default {@code filters}: punctuation, tab and newline. The apostrophe is kept ("don't"). */
    public static final String FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";
    private static final boolean[] SEPARATOR = new boolean[128];

    static {
        SEPARATOR[' '] = true;
        for (char c : FILTERS.toCharArray()) {
            SEPARATOR[c] = true;
        }
    }

    private Tokenizer() {
    }

    public static List<String> words(String text) {
        // A break becomes a space, not nothing, so that "end.<br />Next" stays two words.
        String clean = text.toLowerCase(Locale.ROOT).replace("<br />", " ");
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= clean.length(); i++) {
            // Python's split(" ") splits on the space only: '\r' or a no-break space stays inside a word.
            if (i == clean.length() || isSeparator(clean.charAt(i))) {
                if (i > start) {
                    words.add(clean.substring(start, i));
                }
                start = i + 1;
            }
        }
        return words;
    }

    private static boolean isSeparator(char c) {
        return c < SEPARATOR.length && SEPARATOR[c];
    }
}
