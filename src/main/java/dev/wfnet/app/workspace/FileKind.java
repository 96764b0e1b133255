package dev.wfnet.app.workspace;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.imports.SourceReaders;
import dev.wfnet.io.Json;
import dev.wfnet.io.SafeTensors;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.unlearn.BankCheckpoint;
import java.nio.file.Path;

/** What a file dropped on the window or picked from recent files is, so it opens the right way. */
public enum FileKind {
    /** A model trained elsewhere, opened through the import sheet. */
    MODEL, BANK, SESSION, FOREIGN;

    public static final String SESSION_EXTENSION = ".wfsession";

    /**
     * Sessions by extension; workbench safetensors files by the kind their metadata names; files
     * the import reads (PyTorch, TorchScript, safetensors without workbench metadata) are foreign.
     */
    public static FileKind of(Path file) throws WfnetException {
        if (file.getFileName().toString().endsWith(SESSION_EXTENSION)) {
            return SESSION;
        }
        String metadata;
        try {
            metadata = SafeTensors.readMetadata(file).get("wfnet");
        } catch (WfnetException notSafetensors) {
            if (SourceReaders.canRead(file)) {
                return FOREIGN;
            }
            throw notSafetensors;
        }
        if (metadata == null) {
            return FOREIGN;
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
            case ModelCheckpoint.KIND -> MODEL;
            case BankCheckpoint.KIND -> BANK;
            default -> throw new WfnetException(file + " holds a '" + kind + "', not a model or a bank");
        };
    }
}
