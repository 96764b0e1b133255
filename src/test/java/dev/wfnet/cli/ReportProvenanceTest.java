package dev.wfnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.io.PomFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports carry the provenance models and banks carry: the workbench version, the SHA-256 of the
 * model and bank files (checked against a digest computed here), the settings. On the sample files.
 */
class ReportProvenanceTest {
    private static final Path MODEL = Path.of("sample-models/small-cnn.safetensors");
    private static final Path BANK = Path.of("sample-models/small-cnn-bank.safetensors");
    private static final String DATA = "fashion-mnist-bundled";

    private static String wfnet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WfnetCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(ExitCodes.OK, code, err.toString());
        return out.toString();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static JsonObject read(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static void assertMadeByThisVersion(JsonObject provenance, String command) {
        assertEquals(command, provenance.get("command").getAsString());
        JsonObject versions = provenance.getAsJsonObject("versions");
        assertEquals(PomFile.version(), versions.get("wfnet").getAsString());
        assertTrue(versions.get("engine").getAsString().startsWith("PyTorch 2.7.1"), versions.toString());
        assertEquals(DATA, provenance.getAsJsonObject("configuration").get("data").getAsString());
    }

    @Test
    void evaluationJsonRecordsVersionModelHashAndSplit(@TempDir Path dir) throws Exception {
        wfnet("evaluate", MODEL.toString(), "--data", DATA, "-o", dir.toString());
        JsonObject provenance = read(dir.resolve("evaluation.json")).getAsJsonObject("provenance");
        assertMadeByThisVersion(provenance, "evaluate");
        assertEquals(sha256(MODEL), provenance.getAsJsonObject("inputs").get("model").getAsString());
        assertTrue(provenance.getAsJsonObject("inputs").has("test:fashion-mnist-bundled/test"),
                provenance.toString());
        assertEquals("test", provenance.getAsJsonObject("configuration").get("split").getAsString());
    }

    @Test
    void forgetJsonRecordsVersionModelAndBankHashes(@TempDir Path dir) throws Exception {
        wfnet("forget", MODEL.toString(), BANK.toString(), "--classes", "5", "--data", DATA, "-o", dir.toString());
        JsonObject provenance = read(dir.resolve("forget.json")).getAsJsonObject("provenance");
        assertMadeByThisVersion(provenance, "forget");
        assertEquals(sha256(MODEL), provenance.getAsJsonObject("inputs").get("model").getAsString());
        assertEquals(sha256(BANK), provenance.getAsJsonObject("inputs").get("bank").getAsString());
        assertEquals("[5]", provenance.getAsJsonObject("configuration").get("classes").getAsString());
    }

    @Test
    void explainWritesOneProvenanceFileForItsFolder(@TempDir Path dir) throws Exception {
        String out = wfnet("explain", MODEL.toString(), BANK.toString(), "--data", DATA, "--saliency-images", "0",
                "--seed", "7", "-o", dir.toString());
        assertTrue(out.contains("provenance.json"), out);
        JsonObject provenance = read(dir.resolve(ExplainCommand.PROVENANCE_FILE));
        assertMadeByThisVersion(provenance, "explain");
        assertEquals(7L, provenance.get("seed").getAsLong());
        assertEquals(sha256(BANK), provenance.getAsJsonObject("inputs").get("bank").getAsString());
        assertEquals("0", provenance.getAsJsonObject("configuration").get("saliency_images").getAsString());
    }
}
