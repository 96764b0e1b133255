package dev.wfnet.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfnet.WfnetException;
import dev.wfnet.app.SampleFiles;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.SafeTensors;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's kind comes from its name (sessions) or its wfnet metadata; metadata that says none is named. */
class FileKindTest {
    @TempDir
    Path dir;

    private String refused(Map<String, String> metadata) throws Exception {
        Path file = dir.resolve("file.safetensors");
        SafeTensors.write(file, metadata, Map.of("w", new HostTensor(new long[] {1}, new float[1])));
        WfnetException e = assertThrows(WfnetException.class, () -> FileKind.of(file));
        return e.getMessage().replace(file.toString(), "FILE");
    }

    @Test
    void theSampleModelAndBankAndASessionAreToldApart() throws Exception {
        assertEquals(FileKind.MODEL, FileKind.of(SampleFiles.MODEL));
        assertEquals(FileKind.BANK, FileKind.of(SampleFiles.BANK));
        assertEquals(FileKind.SESSION, FileKind.of(dir.resolve("never-written" + FileKind.SESSION_EXTENSION)));
    }

    @Test
    void metadataThatNamesNoKindIsRefusedWithWhatIsWrong() throws Exception {
        assertEquals("FILE has no wfnet metadata: it is neither a workbench model nor a bank (bring other models in"
                + " with 'wfnet import' first)", refused(Map.of("format", "pt")));
        assertEquals("FILE: its wfnet metadata is not JSON", refused(Map.of("wfnet", "{\"kind\": ")));
        assertEquals("FILE: its wfnet metadata is not readable: it is not a JSON object",
                refused(Map.of("wfnet", "[\"wfnet-model\"]")));
        assertEquals("FILE: its wfnet metadata is not readable: missing \"kind\"", refused(Map.of("wfnet", "{}")));
        assertEquals("FILE: its wfnet metadata is not readable: \"kind\" is not a string",
                refused(Map.of("wfnet", "{\"kind\": {}}")));
        assertEquals("FILE holds a 'wfnet-session', not a model or a bank",
                refused(Map.of("wfnet", "{\"kind\": \"wfnet-session\"}")));
    }
}
