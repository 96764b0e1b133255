package dev.wfnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.wfnet.jobs.Progress;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.UntrainingJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on {@code wfnet untrain}, for real: a separate JVM gets SIGINT once its first checkpoint is
 * on disk, exits 130 and says where it stopped, which checkpoint is kept and how to continue.
 */
class UntrainCancelTest {

    @Test
    void theResumeCommandIsTheCommandLineWithResumeReplacedAndQuoted() {
        Path checkpoint = Path.of("/tmp/my run/bank.checkpoint.safetensors");
        assertEquals("wfnet untrain m.safetensors -o b.safetensors --lr 0.03 --resume "
                        + "'/tmp/my run/bank.checkpoint.safetensors'",
                UntrainCancel.resumeCommand(List.of("untrain", "m.safetensors", "-o", "b.safetensors", "--resume",
                        "old.safetensors", "--lr", "0.03"), checkpoint));
        assertEquals("wfnet untrain m.safetensors --resume c", UntrainCancel.resumeCommand(
                List.of("untrain", "m.safetensors", "--resume=old"), Path.of("c")));
        assertEquals("'it'\\''s'", UntrainCancel.quoted("it's"));
        assertEquals("''", UntrainCancel.quoted(""));
    }

    private static UntrainCancel afterSteps(Path resumedFrom, long startStep, int... steps) {
        UntrainCancel cancel = new UntrainCancel(UntrainConfig.defaults(), startStep, resumedFrom,
                Path.of("b.checkpoint.safetensors"), List.of("untrain", "m.safetensors", "-o", "b.safetensors"),
                progress -> { });
        for (int step : steps) {
            cancel.onProgress(new Progress(UntrainingJob.STEP, step, 400, 0, Double.NaN, Map.of()));
        }
        return cancel;
    }

    @Test
    void theMessageNamesTheCheckpointThatIsReallyOnDisk() {
        UntrainConfig defaults = UntrainConfig.defaults();
        int every = defaults.checkpointEvery();
        // before the first checkpoint: nothing to resume
        assertTrue(afterSteps(null, 0, 1, 2).message().startsWith("cancelled after step 2 of "
                + defaults.steps() + ". No checkpoint was written yet (one is written every " + every), "fresh");
        // after it (no snapshot due at that step): that checkpoint, and the command that resumes it
        int snapshotFree = every + 1;
        assertTrue(afterSteps(null, 0, every, snapshotFree).message().contains("The checkpoint of step " + every
                + " is kept in b.checkpoint.safetensors; to continue from it:\n  wfnet untrain m.safetensors -o "
                + "b.safetensors --resume b.checkpoint.safetensors"), "after a checkpoint");
        // resumed from another file and stopped before writing one: that file is what is kept
        assertTrue(afterSteps(Path.of("old.checkpoint.safetensors"), every, every + 1).message().contains(
                "The checkpoint of step " + every + " is kept in old.checkpoint.safetensors"), "resumed");
    }

    @Test
    void ctrlCSaysWhereItStoppedAndHowToResume(@TempDir Path dir) throws Exception {
        Path bank = dir.resolve("bank.safetensors");
        Path checkpoint = dir.resolve("bank.checkpoint.safetensors");
        List<String> arguments = List.of("untrain", "sample-models/small-cnn.safetensors", "--data",
                "fashion-mnist-bundled", "--classes", "1,3", "--steps", "100000", "--batch", "8",
                "--snapshot-every", "0", "--checkpoint-every", "2", "-o", bank.toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp",
                System.getProperty("java.class.path"), WfnetCommand.class.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        StringBuilder err = new StringBuilder();
        Thread reader = drain(process.getErrorStream(), err);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(checkpoint), "no checkpoint appeared: " + err);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not stop: " + err);
        reader.join(10_000);
        String text = err.toString();

        assertEquals(130, process.exitValue(), text);
        Matcher stopped = Pattern.compile("wfnet: cancelled after step (\\d+) of 100000\\. The checkpoint of step "
                + "(\\d+) is kept in " + Pattern.quote(checkpoint.toString()) + "; to continue from it:\n  (.+)\n")
                .matcher(text);
        assertTrue(stopped.find(), text);
        long step = Long.parseLong(stopped.group(1));
        long kept = Long.parseLong(stopped.group(2));
        assertTrue(kept >= 2 && kept % 2 == 0 && kept <= step && step - kept < 2, text);
        assertEquals(UntrainCancel.resumeCommand(arguments, checkpoint), stopped.group(3));
        // the checkpoint on disk is the one announced
        assertEquals(kept, dev.wfnet.unlearn.BankCheckpoint.read(checkpoint).step());
    }

    private static Thread drain(InputStream in, StringBuilder into) {
        Thread thread = new Thread(() -> {
            try {
                into.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                into.append(e);
            }
        });
        thread.start();
        return thread;
    }
}
