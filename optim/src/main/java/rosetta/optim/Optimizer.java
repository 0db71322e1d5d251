package rosetta.optim;

import java.util.List;
import rosetta.layers.Parameter;

/** Updates parameters from the gradients the last backward pass left in them. */
public interface Optimizer {
    /**
     * One update of every parameter. {@code batchSize} is the number of examples behind the gradients:
     * frameworks whose learning rate is per sample (CNTK) or whose loss is summed (MXNet) need it.
     */
    void step(List<Parameter> parameters, int batchSize);

    double learningRate();

    /** Changes the rate for the following steps (where the momentum variants part ways). */
    void setLearningRate(double learningRate);

    /** Updates made so far (Adam's bias correction depends on it; checkpoints save it). */
    long stepCount();

    /** Restores the count when training resumes from a checkpoint. */
    void setStepCount(long steps);

    /** One line for reports, e.g. {@code sgd(lr=0.01, momentum=0.9, rule=LR_OUTSIDE)}. */
    String describe();
}
