package rosetta.models.train;

/**
 * One epoch: mean training loss, accuracy on the evaluation set afterwards, and the seconds of the
 * training loop alone (evaluation excluded, as the classic table timed only the training cell).
 */
public record EpochStats(int epoch, double loss, double testAccuracy, double seconds, double examplesPerSecond) {
}
