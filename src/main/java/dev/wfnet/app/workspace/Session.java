package dev.wfnet.app.workspace;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.wfnet.WfnetException;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new WfnetException(file + " is not a workbench session: it is not JSON", e);
        }
        if (!parsed.isJsonObject() || !new JsonPrimitive(KIND).equals(parsed.getAsJsonObject().get("kind"))) {
            throw new WfnetException(file + " is not a workbench session (no \"kind\": \"" + KIND + "\")");
        }
        JsonObject json = parsed.getAsJsonObject();
        try {
            int version = Json.integer(json, "format_version");
            if (version != FORMAT_VERSION) {
                throw new WfnetException(file + " is a session of format " + version + "; this workbench reads "
                        + FORMAT_VERSION);
            }
            Map<String, JsonObject> views = new LinkedHashMap<>();
            if (has(json, "views")) {
                for (Map.Entry<String, JsonElement> view : Json.object(json, "views").entrySet()) {
                    views.put(view.getKey(), Json.asObject(view.getValue(), "the state of view '" + view.getKey() + "'"));
                }
            }
            Optional<Path> bank = has(json, "bank") ? Optional.of(Path.of(Json.string(json, "bank"))) : Optional.empty();
            String openView = has(json, "open_view") ? Json.string(json, "open_view") : "";
            return new Session(Path.of(Json.string(json, "model")), bank, Json.string(json, "data"), openView, views);
        } catch (JsonParseException | InvalidPathException e) {
            throw new WfnetException(file + " is not a readable session: " + e.getMessage(), e);
        }
    }

    /** Whether an optional member is there (a JSON null counts as absent). */
    private static boolean has(JsonObject json, String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }
}
