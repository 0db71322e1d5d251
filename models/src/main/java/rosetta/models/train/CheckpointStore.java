package rosetta.models.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint file per run directory, replaced atomically: the new state is written to a temporary
 * file, forced to disk, then renamed over the old one, so a run killed at any moment leaves either the
 * previous checkpoint or the new one, never half of one. A fingerprint of the run's settings guards
 * against resuming a different run.
 */
public final class CheckpointStore {
    private static final String MAGIC = "ROSETTA-CHECKPOINT-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String fingerprint;

    public CheckpointStore(Path directory, String fingerprint) {
        this.directory = directory;
        this.fingerprint = fingerprint;
    }

    public Path file() {
        return directory.resolve("checkpoint.bin");
    }

    public boolean exists() {
        return Files.isRegularFile(file());
    }

    void save(CheckpointState state) {
        Path tmp = directory.resolve("checkpoint.bin.tmp");
        try {
            Files.createDirectories(directory);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeUTF(MAGIC);
                writeBytes(out, JSON.writeValueAsBytes(meta(state)));
                out.writeInt(state.tensors().size());
                for (Map.Entry<String, double[]> e : state.tensors().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (double v : e.getValue()) {
                        out.writeDouble(v);
                    }
                }
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CheckpointException("cannot write the checkpoint in " + directory + ": " + e.getMessage()
                    + " (check the directory is writable and the disk has room)", e);
        }
    }

    CheckpointState load() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file()), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw corrupt(null);
            }
            Map<String, Object> meta = JSON.readValue(readBytes(in), new TypeReference<Map<String, Object>>() { });
            if (!fingerprint.equals(meta.get("fingerprint"))) {
                throw new CheckpointException("the checkpoint in " + directory + " belongs to another run ("
                        + meta.get("fingerprint") + "); resume with the same settings, or start fresh without --resume");
            }
            int count = in.readInt();
            Map<String, double[]> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                double[] values = new double[in.readInt()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = in.readDouble();
                }
                tensors.put(key, values);
            }
            return fromMeta(meta, tensors);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("no checkpoint in " + directory + " to resume from: run without --resume to start");
        } catch (EOFException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw corrupt(e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read the checkpoint " + file() + ": " + e.getMessage(), e);
        }
    }

    private CheckpointException corrupt(Exception cause) {
        return new CheckpointException("the checkpoint " + file() + " is truncated or not a checkpoint: delete it and"
                + " start without --resume", cause);
    }

    private Map<String, Object> meta(CheckpointState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", fingerprint);
        m.put("epochsDone", s.epochsDone());
        m.put("trainingSeconds", s.trainingSeconds());
        m.put("optimizerSteps", s.optimizerSteps());
        m.put("learningRate", s.learningRate());
        m.put("streamPositions", s.streamPositions());
        m.put("history", s.history());
        return m;
    }

    private static CheckpointState fromMeta(Map<String, Object> m, Map<String, double[]> tensors) {
        List<EpochStats> history = JSON.convertValue(m.get("history"), new TypeReference<List<EpochStats>>() { });
        List<Long> positions = JSON.convertValue(m.get("streamPositions"), new TypeReference<List<Long>>() { });
        return new CheckpointState(((Number) m.get("epochsDone")).intValue(), history,
                ((Number) m.get("trainingSeconds")).doubleValue(), ((Number) m.get("optimizerSteps")).longValue(),
                ((Number) m.get("learningRate")).doubleValue(), positions, tensors);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new EOFException("implausible header length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
