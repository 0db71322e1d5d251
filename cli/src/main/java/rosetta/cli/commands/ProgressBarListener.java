package rosetta.cli.commands;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import rosetta.models.train.EpochStats;
import rosetta.models.train.TrainingListener;

/** One progress bar per epoch on standard error, with the running loss and throughput. */
final class ProgressBarListener implements TrainingListener {
    private ProgressBar bar;

    @Override
    public void epochStarted(int epoch, int epochs, int steps) {
        bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).setUnit(" batches", 1)
                .continuousUpdate().build();
    }

    @Override
    public void progress(int step, double meanLoss, double examplesPerSecond) {
        bar.stepTo(step);
        if (!Double.isNaN(meanLoss)) {
            bar.setExtraMessage(String.format(" loss %.4f, %.0f ex/s", meanLoss, examplesPerSecond));
        }
    }

    @Override
    public void epochFinished(EpochStats stats) {
        bar.close();
    }
}
