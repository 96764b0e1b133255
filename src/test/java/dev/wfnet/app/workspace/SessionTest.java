package dev.wfnet.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session file reads back as written; a file that is not one is refused with what is wrong in it. */
class SessionTest {
    @TempDir
    Path dir;

    private String refused(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("bad" + FileKind.SESSION_EXTENSION), text);
        WfnetException e = assertThrows(WfnetException.class, () -> Session.read(file));
        return e.getMessage().replace(file.toString(), "FILE");
    }

    @Test
    void aWrittenSessionReadsBackEqual() throws Exception {
        JsonObject state = new JsonObject();
        state.addProperty("layer", "fc1.weight");
        Session session = new Session(dir.resolve("model.safetensors"), Optional.of(dir.resolve("bank.safetensors")),
                "fashion-mnist-bundled", "Alpha maps", Map.of("Alpha maps", state));
        Path file = dir.resolve("study" + FileKind.SESSION_EXTENSION);
        session.write(file);
        assertEquals(session, Session.read(file));
    }

    @Test
    void aNullBankOrOpenViewCountsAsAbsent() throws Exception {
        Session session = Session.read(Files.writeString(dir.resolve("s.wfsession"), "{\"kind\": \"wfnet-session\","
                + " \"format_version\": 1, \"model\": \"/m.safetensors\", \"bank\": null, \"data\": \"d\","
                + " \"open_view\": null}"));
        assertEquals(Optional.empty(), session.bank());
        assertEquals("", session.openView());
        assertEquals(Map.of(), session.viewStates());
    }

    @Test
    void aFileThatIsNotASessionIsNamedSo() throws Exception {
        assertEquals("FILE is not a workbench session: it is not JSON", refused("{\"kind\": "));
        assertEquals("FILE is not a workbench session (no \"kind\": \"wfnet-session\")", refused("[1, 2]"));
        assertEquals("FILE is not a workbench session (no \"kind\": \"wfnet-session\")",
                refused("{\"kind\": {\"wfnet-session\": 1}}"));
        assertEquals("FILE is a session of format 2; this workbench reads 1",
                refused("{\"kind\": \"wfnet-session\", \"format_version\": 2}"));
    }

    @Test
    void aMissingOrMistypedMemberIsNamed() throws Exception {
        String head = "{\"kind\": \"wfnet-session\", ";
        String files = "\"format_version\": 1, \"model\": \"m\", \"data\": \"d\"";
        // the members after "kind", and what the refusal says about them
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("\"model\": \"m\"}", "missing \"format_version\"");
        cases.put("\"format_version\": \"one\"}", "\"format_version\" is not a whole number");
        cases.put("\"format_version\": 1, \"data\": \"d\"}", "missing \"model\"");
        cases.put("\"format_version\": 1, \"model\": [\"m\"], \"data\": \"d\"}", "\"model\" is not a string");
        cases.put(files + ", \"views\": []}", "\"views\" is not a JSON object");
        cases.put(files + ", \"views\": {\"Untrain\": 3}}", "the state of view 'Untrain' is not a JSON object");
        cases.put("\"format_version\": 1, \"model\": \"m\\u0000\", \"data\": \"d\"}",
                "Nul character not allowed: m\u0000");
        for (Map.Entry<String, String> refusal : cases.entrySet()) {
            assertEquals("FILE is not a readable session: " + refusal.getValue(), refused(head + refusal.getKey()));
        }
    }
}
