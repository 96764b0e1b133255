package dev.wfnet.app.workspace;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.SafeTensors;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.unlearn.BankCheckpoint;
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
                    + " bank (import other models with the command line first)");
        }
        try {
            String kind = JsonParser.parseString(metadata).getAsJsonObject().get("kind").getAsString();
            return switch (kind) {
                case ModelCheckpoint.KIND -> MODEL;
                case BankCheckpoint.KIND -> BANK;
                default -> throw new WfnetException(file + " holds a '" + kind + "', not a model or a bank");
            };
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new WfnetException(file + ": its wfnet metadata is not readable JSON", e);
        }
    }
}
