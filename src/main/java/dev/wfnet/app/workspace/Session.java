package dev.wfnet.app.workspace;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A saved workbench: what was open, which view was shown and each view's selections, as a small
 * JSON file ({@code .wfsession}). Files are named by absolute path, so a session opens from anywhere.
 *
 * @param model the model file
 * @param bank the bank file, if one was open
 * @param dataSpec the dataset spec
 * @param openView the title of the view that was shown
 * @param viewStates each view's own state by view title
 */
public record Session(Path model, Optional<Path> bank, String dataSpec, String openView,
                      Map<String, JsonObject> viewStates) {
    static final String KIND = "wfnet-session";
    static final int FORMAT_VERSION = 1;

    public Session {
        model = model.toAbsolutePath().normalize();
        bank = bank.map(file -> file.toAbsolutePath().normalize());
        viewStates = Map.copyOf(viewStates);
    }

    public void write(Path file) throws WfnetException {
        JsonObject json = new JsonObject();
        json.addProperty("kind", KIND);
        json.addProperty("format_version", FORMAT_VERSION);
        json.addProperty("model", model.toString());
        bank.ifPresent(path -> json.addProperty("bank", path.toString()));
        json.addProperty("data", dataSpec);
        json.addProperty("open_view", openView);
        JsonObject views = new JsonObject();
        viewStates.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> views.add(entry.getKey(), entry.getValue()));
        json.add("views", views);
        AtomicFiles.writeString(file, Json.pretty(json) + "\n");
    }

    public static Session read(Path file) throws WfnetException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new WfnetException(file + ": no such file", e);
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("kind")
                    || !KIND.equals(parsed.getAsJsonObject().get("kind").getAsString())) {
                throw new WfnetException(file + " is not a workbench session (no \"kind\": \"" + KIND + "\")");
            }
            JsonObject json = parsed.getAsJsonObject();
            int version = json.get("format_version").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new WfnetException(file + " is a session of format " + version + "; this workbench reads "
                        + FORMAT_VERSION);
            }
            Map<String, JsonObject> views = new java.util.LinkedHashMap<>();
            if (json.has("views")) {
                json.getAsJsonObject("views").entrySet()
                        .forEach(entry -> views.put(entry.getKey(), entry.getValue().getAsJsonObject()));
            }
            return new Session(Path.of(json.get("model").getAsString()),
                    Optional.ofNullable(json.get("bank")).map(bank -> Path.of(bank.getAsString())),
                    json.get("data").getAsString(), json.has("open_view") ? json.get("open_view").getAsString() : "",
                    views);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                 | java.nio.file.InvalidPathException e) {
            throw new WfnetException(file + " is not a readable session: " + e.getMessage(), e);
        }
    }
}
