package rosetta.models.train;

/** Progress of a training run, for progress bars and logs. */
public interface TrainingListener {
    default void epochStarted(int epoch, int epochs, int steps) {
    }

    /** Called after every step with the mean loss so far this epoch, as last read (NaN before the first read). */
    default void progress(int step, double meanLoss, double examplesPerSecond) {
    }

    default void epochFinished(EpochStats stats) {
    }

    TrainingListener SILENT = new TrainingListener() {
    };
}
