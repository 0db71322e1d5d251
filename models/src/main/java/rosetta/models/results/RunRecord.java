package rosetta.models.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;
import rosetta.models.spec.Hyperparameters;
import rosetta.models.train.TrainingResult;

/**
 * The results record of one training run: the dialect with every knob value, the seed, the backend, the
 * machine, the versions, the data, per-epoch figures, the final accuracy, the training time and the
 * algorithms chosen. Written as JSON so runs can be compared by tools.
 */
public record RunRecord(String model, Dialect dialect, long seed, String backend, String data, int trainExamples,
        int testExamples, Hyperparameters hyperparameters, long parameters, TrainingResult result) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("dialect", dialect.name());
        m.put("framework", dialect.framework());
        Map<String, String> knobs = new LinkedHashMap<>();
        for (Map.Entry<Knob, ?> e : dialect.settings().entrySet()) {
            knobs.put(e.getKey().key(), dialect.value(e.getKey()));
        }
        m.put("knobs", knobs);
        m.put("seed", seed);
        m.put("backend", backend);
        m.put("machine", Machine.describe());
        m.put("versions", Machine.versions());
        Map<String, Object> dataInfo = new LinkedHashMap<>();
        dataInfo.put("source", data);
        dataInfo.put("train", trainExamples);
        dataInfo.put("test", testExamples);
        dataInfo.put("evaluated", result.evaluated());
        m.put("data", dataInfo);
        m.put("hyperparameters", hyperparameters);
        m.put("parameters", parameters);
        m.put("epochs", result.epochs());
        m.put("trainingSeconds", result.trainingSeconds());
        m.put("testAccuracy", result.testAccuracy());
        m.put("algorithms", result.algorithms());
        return m;
    }

    /** Writes the record atomically (temporary file, then rename). */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), toMap());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + file + ": " + e.getMessage(), e);
        }
    }
}
