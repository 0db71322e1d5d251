package rosetta.models.train;

import java.util.List;
import java.util.Map;

/**
 * What a run produced: per-epoch statistics, the final accuracy on the evaluation set (and how many
 * examples it counted), the training-loop seconds over all epochs, and the convolution algorithm each
 * layer ran per pass.
 */
public record TrainingResult(List<EpochStats> epochs, double testAccuracy, int evaluated, double trainingSeconds,
        Map<String, Map<String, String>> algorithms) {
}
