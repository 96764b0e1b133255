package dev.wfnet.cli;

import static dev.wfnet.cli.WfnetCommandTest.wfnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.imports.NpyReader;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.ModelCheckpoint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wfnet import} and {@code wfnet predict --json} end to end, on the fixtures of
 * src/test/python/make_import_fixtures.py: a torchvision ResNet-18 imported from its state_dict
 * predicts PyTorch's probabilities on the same PNG images (PyTorch's came through PIL and
 * torchvision's ToTensor and Normalize).
 */
class ImportCommandTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(ImportCommandTest.class.getResource("/imports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anImportedTorchvisionResNetPredictsPyTorchsProbabilities() throws Exception {
        Path model = dir.resolve("r18.safetensors");
        WfnetCommandTest.Run imported = wfnet("import", fixture("tv-resnet18.pth").toString(), "--arch", "resnet18",
                "--arch-arg", "stem=imagenet", "--input", "3x32x32", "--classes",
                "plane,car,bird,cat,deer,dog,frog,horse,ship,truck", "-o", model.toString());
        assertEquals(ExitCodes.OK, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("architecture  resnet18{stem=imagenet, width=4}"), imported.out());
        assertTrue(imported.out().contains("ImageNet mean/std"), imported.out());
        assertTrue(imported.out().endsWith("wrote " + model + "\n"), imported.out());
        List<String> images = Stream.of(0, 1, 2).map(i -> fixture("predict-" + i + ".png").toString()).toList();
        String[] predict = Stream.concat(Stream.of("predict", model.toString(), "--json"), images.stream())
                .toArray(String[]::new);
        WfnetCommandTest.Run run = wfnet(predict);
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonArray predictions = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("predictions");
        HostTensor expected = NpyReader.read(fixture("predict-probabilities.npy"));
        List<String> classes = ModelCheckpoint.read(model).classNames();
        double max = 0;
        for (int i = 0; i < 3; i++) {
            JsonObject probabilities = predictions.get(i).getAsJsonObject().getAsJsonObject("probabilities");
            assertEquals(10, probabilities.size(), "every class's probability");
            for (int c = 0; c < 10; c++) {
                max = Math.max(max, Math.abs(probabilities.get(classes.get(c)).getAsDouble() - expected.data()[i * 10 + c]));
            }
        }
        System.out.printf("predict --json vs PyTorch's probabilities: max abs difference %.3g%n", max);
        assertTrue(max <= 1e-4, "max abs difference " + max);
    }

    @Test
    void aVerifiedImportRecordsTheVerificationAndTheSource() throws Exception {
        Path model = dir.resolve("mnist.safetensors");
        WfnetCommandTest.Run run = wfnet("import", fixture("mnist-net-legacy.pt").toString(), "--arch", "sequential",
                "--arch-arg", "layers=Conv2d(1, 4, 3), ReLU(), Conv2d(4, 8, 3), ReLU(), MaxPool2d(2), Flatten(),"
                        + " Linear(1152, 16), ReLU(), Linear(16, 10), LogSoftmax(dim=1)",
                "--reference-inputs", fixture("mnist-net.inputs.npy").toString(),
                "--reference-outputs", fixture("mnist-net.outputs.npy").toString(),
                "--mean", "0.1307", "--std", "0.3081", "-o", model.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("verified      matches the reference outputs on 4 inputs"), run.out());
        ModelCheckpoint checkpoint = ModelCheckpoint.read(model);
        assertEquals("conv1:Conv2d(1,4,kernel_size=3,stride=1,padding=0,bias=True)",
                checkpoint.architecture().arguments().get("layers").split("; ")[0]);
        assertEquals(0.1307, checkpoint.normalization().mean()[0], 1e-12);
        assertEquals("pytorch-legacy", checkpoint.provenance().configuration().get("source_format"));
    }

    @Test
    void aLayerListCanComeFromAFile() throws Exception {
        Path layers = dir.resolve("layers.txt");
        Files.writeString(layers, "# LeNet, as in the training script\nConv2d(1, 3, 5)\nTanh()\nAvgPool2d(2)\n"
                + "Conv2d(3, 6, 5)\nTanh()\nAvgPool2d(2)\nFlatten()\nLinear(150, 24)\nTanh()\nLinear(24, 16)\nTanh()\n"
                + "Linear(16, 10)\n");
        WfnetCommandTest.Run run = wfnet("import", fixture("lenet-tanh.pth").toString(), "--arch", "sequential",
                "--arch-arg", "layers=@" + layers, "--input", "1x32x32", "--data-shape", "1x28x28", "--fit", "pad",
                "--dry-run");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("1x28x28 images framed with black pixels to the model's 1x32x32 input"), run.out());
        assertTrue(run.out().contains("not written (--dry-run)"), run.out());
    }

    @Test
    void aHostileOrDamagedFileExitsWithOneLineAndWritesNothing() throws IOException {
        Path hostile = dir.resolve("hostile.pth");
        // GLOBAL os.system, then a call: a classic malicious pickle in a legacy-looking file
        Files.write(hostile, "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R.".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        Path truncated = dir.resolve("truncated.pt");
        byte[] whole = Files.readAllBytes(fixture("mnist-net.pt"));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        for (Path bad : List.of(hostile, truncated, fixture("whole-model.pth"))) {
            Path model = dir.resolve("out.safetensors");
            WfnetCommandTest.Run run = wfnet("import", bad.toString(), "--arch", "resnet18", "-o", model.toString());
            assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("wfnet: ") && run.err().lines().count() == 1, run.err());
            assertFalse(Files.exists(model));
            try (Stream<Path> files = Files.list(dir)) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary file");
            }
        }
    }

    @Test
    void kerasFilesImportAsTheyStateThemselvesAndAHostileOneWritesNothing() throws Exception {
        Path model = dir.resolve("keras.safetensors");
        WfnetCommandTest.Run run = wfnet("import", fixture("keras/k3-cnn.keras").toString(), "--reference-inputs",
                fixture("keras/k3-functional.inputs.npy").toString(), "--reference-outputs",
                fixture("keras/k3-functional.outputs.npy").toString(), "-o", model.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("(stated by the file)"), run.out());
        assertTrue(run.out().contains("matches the reference outputs"), run.out());
        assertEquals("sequential", ModelCheckpoint.read(model).architecture().id());
        Path refused = dir.resolve("lambda.safetensors");
        WfnetCommandTest.Run lambda = wfnet("import", fixture("keras/hostile/lambda.h5").toString(), "-o",
                refused.toString());
        assertEquals(ExitCodes.FAILED, lambda.exitCode(), lambda.err());
        assertTrue(lambda.err().startsWith("wfnet: ") && lambda.err().lines().count() == 1, lambda.err());
        assertTrue(lambda.err().contains("(Lambda) is not supported"), lambda.err());
        assertFalse(Files.exists(refused));
    }

    @Test
    void aGuessThatRestsOnAssumptionsIsShownNotTaken() {
        WfnetCommandTest.Run run = wfnet("import", fixture("mnist-net.pt").toString(), "-o",
                dir.resolve("m.safetensors").toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertTrue(run.err().contains("--arch sequential --arch-arg 'layers=conv1:Conv2d(1,4,"), run.err());
        assertFalse(Files.exists(dir.resolve("m.safetensors")));
        WfnetCommandTest.Run accepted = wfnet("import", fixture("mnist-net.pt").toString(), "--accept-guess", "-o",
                dir.resolve("m.safetensors").toString());
        assertEquals(ExitCodes.OK, accepted.exitCode(), accepted.err());
        assertTrue(accepted.out().contains("assumed       activations and pooling are not stored"), accepted.out());
    }
}
