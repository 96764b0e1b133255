package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * libtorch's warnings (NNPACK's "Unsupported hardware" among them) do not reach standard error once
 * the engine is up. A warning is raised the way libtorch raises NNPACK's, through c10's logger, in
 * a separate JVM whose standard error is read: absent by default, present with the opt-in property.
 */
class NativeWarningsTest {
    private static final String MARKER = "wfnet-warning-probe.cpp";

    /** Starts the engine as the workbench does, then logs one c10 warning (LOG(WARNING) in libtorch). */
    public static final class Probe {
        public static void main(String[] args) {
            TorchRuntime.newManager().close();
            NativeLibrary c10 = NativeLogLevel.c10();
            // c10::MessageLogger(file, line, severity) and its destructor, which prints the line
            Memory logger = new Memory(4096);
            c10.getFunction("_ZN3c1013MessageLoggerC1EPKcii").invokeVoid(new Object[] {logger, MARKER, 42,
                    NativeLogLevel.WARNING});
            c10.getFunction("_ZN3c1013MessageLoggerD1Ev").invokeVoid(new Object[] {logger});
            System.out.println("level " + NativeLogLevel.current());
        }
    }

    private static String[] probe(String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(properties));
        command.add(Probe.class.getName());
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        return new String[] {out, err};
    }

    @Test
    void engineWarningsAreQuietByDefault() throws Exception {
        String[] run = probe();
        assertFalse(run[1].contains(MARKER), run[1]);
        assertTrue(run[0].contains("level " + NativeLogLevel.ERROR), run[0]);
    }

    @Test
    void thePropertyKeepsThem() throws Exception {
        // the control: the same probe does print when asked to, so the test above can fail
        String[] run = probe("-D" + NativeLogLevel.SHOW_WARNINGS + "=true");
        assertTrue(run[1].contains(MARKER + ":42"), run[1]);
        assertTrue(run[0].contains("level " + NativeLogLevel.WARNING), run[0]);
    }
}
