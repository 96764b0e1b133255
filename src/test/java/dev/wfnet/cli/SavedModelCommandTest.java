package dev.wfnet.cli;

import static dev.wfnet.cli.WfnetCommandTest.wfnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wfnet import} of a TensorFlow SavedModel directory: verified by TensorFlow, or one line and exit 1. */
class SavedModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSavedModelDirectoryImportsVerifiedByItsServingSignature() {
        Path model = dir.resolve("fmnist.safetensors");
        WfnetCommandTest.Run run = wfnet("import", ImportCommandTest.fixture("savedmodel/tf1-cnn-channelless").toString(),
                "--classes", "t-shirt,trouser,pullover,dress,coat,sandal,shirt,sneaker,bag,boot", "-o", model.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("TensorFlow SavedModel"), run.out());
        assertTrue(run.out().contains("matches the SavedModel's serving signature 'serving_default'"), run.out());
        assertTrue(Files.isRegularFile(model));
        WfnetCommandTest.Run info = wfnet("info", model.toString());
        assertEquals(ExitCodes.OK, info.exitCode(), info.err());
        assertTrue(info.out().contains("sneaker"), info.out());
    }

    @Test
    void aDamagedSavedModelIsOneLineExitOneAndNothingWritten() throws Exception {
        Path copy = dir.resolve("damaged");
        Path from = ImportCommandTest.fixture("savedmodel/tf1-mlp-channelless");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Files.copy(path, copy.resolve(from.relativize(path).toString()));
            }
        }
        byte[] graph = Files.readAllBytes(copy.resolve("saved_model.pb"));
        Files.write(copy.resolve("saved_model.pb"), java.util.Arrays.copyOf(graph, graph.length / 3));
        Path model = dir.resolve("out.safetensors");
        WfnetCommandTest.Run run = wfnet("import", copy.toString(), "-o", model.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("saved_model.pb is damaged or not a SavedModel graph"), run.err());
        assertFalse(Files.exists(model));
    }
}
