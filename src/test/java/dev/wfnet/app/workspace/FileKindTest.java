package dev.wfnet.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfnet.WfnetException;
import dev.wfnet.app.SampleFiles;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.SafeTensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's kind comes from its name (sessions) or its wfnet metadata; files the import reads (no wfnet
 * metadata, PyTorch) are foreign; metadata that says no kind is named.
 */
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
    void filesTheImportReadsAreForeignAndOthersAreRefused() throws Exception {
        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.write(plain, Map.of("format", "pt"), Map.of("w", new HostTensor(new long[] {1}, new float[1])));
        assertEquals(FileKind.FOREIGN, FileKind.of(plain));
        Path pytorch = Path.of(FileKindTest.class.getResource("/imports/lenet-tanh.pth").toURI());
        assertEquals(FileKind.FOREIGN, FileKind.of(pytorch));
        Path text = Files.writeString(dir.resolve("notes.safetensors"), "not a tensor file");
        WfnetException e = assertThrows(WfnetException.class, () -> FileKind.of(text));
        assertEquals(text + " is not a safetensors file or is truncated: header length "
                + ByteBuffer.wrap("not a te".getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN)
                        .getLong() + " does not fit a file of 17 bytes", e.getMessage());
    }

    @Test
    void metadataThatNamesNoKindIsRefusedWithWhatIsWrong() throws Exception {
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
