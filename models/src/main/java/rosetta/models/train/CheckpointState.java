package rosetta.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rosetta.layers.Parameter;
import rosetta.layers.Sequential;
import rosetta.optim.Optimizer;
import rosetta.tensor.Tensor;
import rosetta.tensor.random.RngStream;

/**
 * Everything a resumed run needs to continue exactly: parameters and optimiser state by position in
 * the model, the optimiser's step count and rate, the dropout streams' positions, and the history so
 * far. Batch order needs nothing: each epoch's order is a function of the seed and the epoch.
 */
public record CheckpointState(int epochsDone, List<EpochStats> history, double trainingSeconds, long optimizerSteps,
        double learningRate, List<Long> streamPositions, Map<String, double[]> tensors) {

    static CheckpointState capture(int epochsDone, List<EpochStats> history, double trainingSeconds,
            Sequential model, Optimizer optimizer) {
        Map<String, double[]> tensors = new LinkedHashMap<>();
        List<Parameter> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            tensors.put(key(i, p, null), p.value().toDoubleArray());
            for (Map.Entry<String, Tensor> state : p.states().entrySet()) {
                tensors.put(key(i, p, state.getKey()), state.getValue().toDoubleArray());
            }
        }
        List<Long> positions = new ArrayList<>();
        for (RngStream s : model.randomStreams()) {
            positions.add(s.position());
        }
        return new CheckpointState(epochsDone, List.copyOf(history), trainingSeconds, optimizer.stepCount(),
                optimizer.learningRate(), positions, tensors);
    }

    void restore(Sequential model, Optimizer optimizer) {
        List<Parameter> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            load(p.value(), tensors.get(key(i, p, null)), key(i, p, null));
            for (Map.Entry<String, double[]> e : tensors.entrySet()) {
                String prefix = key(i, p, null) + "#";
                if (e.getKey().startsWith(prefix)) {
                    String stateName = e.getKey().substring(prefix.length());
                    load(p.state(stateName), e.getValue(), e.getKey());
                }
            }
        }
        List<RngStream> streams = model.randomStreams();
        if (streams.size() != streamPositions.size()) {
            throw new CheckpointException("the checkpoint holds " + streamPositions.size()
                    + " random streams but the model has " + streams.size() + ": it was written for another model");
        }
        for (int i = 0; i < streams.size(); i++) {
            streams.get(i).seek(streamPositions.get(i));
        }
        optimizer.setStepCount(optimizerSteps);
        optimizer.setLearningRate(learningRate);
    }

    private static void load(Tensor target, double[] values, String key) {
        if (values == null || values.length != target.size()) {
            throw new CheckpointException("the checkpoint has no tensor " + key + " of " + target.shape()
                    + ": it was written for another model");
        }
        target.copyFrom(values);
    }

    private static String key(int index, Parameter p, String state) {
        String base = index + ":" + p.name();
        return state == null ? base : base + "#" + state;
    }
}
