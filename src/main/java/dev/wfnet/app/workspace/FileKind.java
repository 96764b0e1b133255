package dev.wfnet.app.workspace;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.Json;
import dev.wfnet.io.SafeTensors;
import java.nio.file.Path;

/** What a file dropped on the window or picked from recent files is, so it opens the right way. */
public enum FileKind {
    MODEL, BANK, SESSION;

    public static final String SESSION_EXTENSION = ".wfsession";

    /** Sessions by extension; safetensors files by the kind their metadata names. */
    public static FileKind of(Path file) throws WfnetException {
        if (file.getFileName().toString().endsWith(SESSION_EXTENSION)) {
            return SESSION;
        }
        String metadata = SafeTensors.readMetadata(file).get("wfnet");
        if (metadata == null) {
            throw new WfnetException(file + " has no wfnet metadata: it is neither a workbench model nor a"
                    + " bank (bring other models in with 'wfnet import' first)");
        }
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(metadata);
        } catch (JsonParseException e) {
            throw new WfnetException(file + ": its wfnet metadata is not JSON", e);
        }
        String kind;
        try {
            kind = Json.string(Json.asObject(parsed, "it"), "kind");
        } catch (JsonParseException e) {
            throw new WfnetException(file + ": its wfnet metadata is not readable: " + e.getMessage(), e);
        }
        return switch (kind) {
            case "wfnet-model" -> MODEL;
            case "wfnet-bank" -> BANK;
            default -> throw new WfnetException(file + " holds a '" + kind + "', not a model or a bank");
        };
    }
}
