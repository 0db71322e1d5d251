package rosetta.datasets.imdb;

import rosetta.datasets.SequenceDataset;
import rosetta.datasets.Split;

/** Both splits encoded: {@code maxLen} ids per review, row after row, and the labels. */
record EncodedReviews(int maxLen, int[] trainTokens, int[] trainLabels, int[] testTokens, int[] testLabels) {

    Split split() {
        return new Split(new SequenceDataset("IMDB train", maxLen, 2, trainTokens, trainLabels),
                new SequenceDataset("IMDB test", maxLen, 2, testTokens, testLabels));
    }
}
