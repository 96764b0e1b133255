package dev.wfnet.eval.compare;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finished runs kept on disk, one small JSON file each, named by the hash of everything that
 * determines the run (model, data, bank, method, class, seed, settings and the version of the
 * metrics' code). A long comparison that stops, or one asked again with more classes, repeats only
 * what it has not done; the window shows cached runs at once.
 */
public final class ResultCache {
    /** Raised whenever a metric's definition changes, so runs measured the old way are not reused. */
    static final String METRICS_VERSION = "1";
    private final Path directory;

    public ResultCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Optional<RunResult> find(Map<String, String> description) {
        Path file = file(description);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            return Optional.of(RunResult.fromJson(json.getAsJsonObject("run")));
        } catch (IOException | RuntimeException e) {
            // an unreadable entry is as good as none: the run is repeated and the entry rewritten
            return Optional.empty();
        }
    }

    public void store(Map<String, String> description, RunResult result) throws WfnetException {
        JsonObject json = new JsonObject();
        json.addProperty("kind", "wfnet-compare-run");
        json.add("description", Json.sortedObject(description));
        json.add("run", result.toJson());
        AtomicFiles.writeString(file(description), Json.pretty(json));
    }

    private Path file(Map<String, String> description) {
        StringBuilder text = new StringBuilder("metrics_version=" + METRICS_VERSION + "\n");
        new TreeMap<>(description).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        String key = Hashing.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
        return directory.resolve("run-" + key.substring(0, 20) + ".json");
    }
}
