package dev.wfnet.io;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What it takes to repeat a run: the hashes of its inputs, its seed, its full configuration, the
 * versions of the libraries and engine, when it started and how long it took (docs/formats.md).
 *
 * @param command what produced the artifact ("pretrain", "untrain")
 * @param inputs input name to SHA-256 (or to a description where a file has no single hash)
 * @param seed the random seed
 * @param configuration every setting of the run, as text
 * @param versions library, engine and runtime versions
 * @param started when the run began
 * @param durationSeconds how long the run took
 */
public record Provenance(String command, Map<String, String> inputs, long seed,
                         Map<String, String> configuration, Map<String, String> versions,
                         Instant started, double durationSeconds) {

    public Provenance {
        inputs = Map.copyOf(inputs);
        configuration = Map.copyOf(configuration);
        versions = Map.copyOf(versions);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("command", command);
        json.add("inputs", Json.sortedObject(inputs));
        json.addProperty("seed", seed);
        json.add("configuration", Json.sortedObject(configuration));
        json.add("versions", Json.sortedObject(versions));
        json.addProperty("started", started.toString());
        json.addProperty("duration_seconds", durationSeconds);
        return json;
    }

    public static Provenance fromJson(JsonObject json) {
        return new Provenance(json.get("command").getAsString(), Json.stringMap(json.getAsJsonObject("inputs")),
                json.get("seed").getAsLong(), Json.stringMap(json.getAsJsonObject("configuration")),
                Json.stringMap(json.getAsJsonObject("versions")), Instant.parse(json.get("started").getAsString()),
                json.get("duration_seconds").getAsDouble());
    }

    /** The versions of the workbench, the Java runtime, DJL and the PyTorch engine in use. */
    public static Map<String, String> runtimeVersions(String engineVersion) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        versions.put("wfnet", WorkbenchVersion.current());
        versions.put("engine", engineVersion);
        return versions;
    }
}
