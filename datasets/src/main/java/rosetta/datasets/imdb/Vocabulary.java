package rosetta.datasets.imdb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Words ranked by how often they occur, rank 1 the most frequent. Ties keep the order in which the words
 * first appeared: Keras's {@code Tokenizer.fit_on_texts} counts into an {@code OrderedDict} and sorts its
 * items with Python's stable sort by count, descending ({@code keras/preprocessing/text.py} @2.1.4).
 */
public final class Vocabulary {
    private final List<String> words;
    private final Map<String, Integer> ranks;

    /** {@code words.get(r - 1)} has rank {@code r}. */
    Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.ranks = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            if (ranks.put(words.get(i), i + 1) != null) {
                throw new IllegalArgumentException("word '" + words.get(i) + "' is ranked twice");
            }
        }
    }

    /** Ranks the words of {@code documents}, each already split into words. */
    public static Vocabulary fit(Stream<List<String>> documents) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        documents.forEach(doc -> {
            for (String w : doc) {
                counts.computeIfAbsent(w, k -> new int[1])[0]++;
            }
        });
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        return new Vocabulary(entries.stream().map(Map.Entry::getKey).toList());
    }

    /** The rank of {@code word}, or 0 if it never occurred. */
    public int rank(String word) {
        return ranks.getOrDefault(word, 0);
    }

    /** The word of rank {@code rank} (1-based). */
    public String word(int rank) {
        return words.get(rank - 1);
    }

    /** Distinct words. */
    public int size() {
        return words.size();
    }

    /** All words, most frequent first. */
    public List<String> words() {
        return words;
    }
}
