package dev.wfnet.unlearn.baselines;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.Json;
import dev.wfnet.model.ModelCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Retrained models kept on disk, one per model, class, seed and recipe: retraining is the
 * expensive gold standard and the same one serves every comparison. Each entry is a model
 * checkpoint ({@code retrain-KEY.safetensors}) and a JSON record ({@code retrain-KEY.json}) of what
 * it was trained from, the SHA-256 of the checkpoint and its training time. The record is written
 * after the checkpoint, so an interrupted write leaves no entry; a checkpoint whose hash no longer
 * matches its record is not used.
 */
public final class RetrainCache {
    private final Path directory;

    /**
     * An entry found or stored.
     *
     * @param checkpoint the retrained model
     * @param file where it is stored
     * @param sha256 the SHA-256 of the file
     * @param trainingSeconds what training it took, test passes excluded
     * @param hit whether it was found rather than trained now
     */
    public record Entry(ModelCheckpoint checkpoint, Path file, String sha256, double trainingSeconds, boolean hit) {
    }

    public RetrainCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The key of a description (every input that determines the retrained model), a hex SHA-256. */
    static String key(Map<String, String> description) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(description).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return Hashing.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The stored model for this description, if there is one whose file still has its recorded hash. */
    public Optional<Entry> find(Map<String, String> description) throws WfnetException {
        String key = key(description);
        Path record = recordFile(key);
        Path model = modelFile(key);
        if (!Files.isRegularFile(record) || !Files.isRegularFile(model)) {
            return Optional.empty();
        }
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(record)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String sha = Hashing.sha256(model);
        if (!json.has("sha256") || !sha.equals(json.get("sha256").getAsString())) {
            return Optional.empty();
        }
        return Optional.of(new Entry(ModelCheckpoint.read(model), model, sha,
                json.get("training_seconds").getAsDouble(), true));
    }

    /** Writes a retrained model and its record; returns the entry with the file's hash. */
    public Entry store(Map<String, String> description, ModelCheckpoint checkpoint, double trainingSeconds)
            throws WfnetException {
        String key = key(description);
        Path model = modelFile(key);
        checkpoint.write(model);
        String sha = Hashing.sha256(model);
        JsonObject json = new JsonObject();
        json.addProperty("kind", "wfnet-retrain-cache-entry");
        json.add("description", Json.sortedObject(description));
        json.addProperty("sha256", sha);
        json.addProperty("training_seconds", trainingSeconds);
        AtomicFiles.writeString(recordFile(key), Json.pretty(json));
        return new Entry(checkpoint, model, sha, trainingSeconds, false);
    }

    private Path modelFile(String key) {
        return directory.resolve("retrain-" + key.substring(0, 16) + ".safetensors");
    }

    private Path recordFile(String key) {
        return directory.resolve("retrain-" + key.substring(0, 16) + ".json");
    }
}
