package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Provenance;
import dev.wfnet.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model checkpoint reads back exactly as written, and anything else is refused with a reason. */
class ModelCheckpointTest {
    private static final ImageShape INPUT = new ImageShape(1, 28, 28);
    private static ModelCheckpoint smallCnn;

    @TempDir
    Path dir;

    static Provenance provenance() {
        return new Provenance("pretrain", Map.of("train:fashion-mnist-bundled", "0123abcd"), 7L,
                Map.of("epochs", "1", "optimizer", "adam"), Map.of("java", "17", "engine", "PyTorch"),
                Instant.parse("2024-01-02T03:04:05Z"), 1.5);
    }

    @BeforeAll
    static void initialiseWeights() {
        Architecture architecture = new SmallCnn(INPUT, 10);
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(architecture, manager, 7L);
            smallCnn = ModelCheckpoint.of(architecture, Normalization.fashionMnist(), FashionMnist.CLASS_NAMES,
                    weights, provenance());
        }
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private static void assertSameCheckpoint(ModelCheckpoint expected, ModelCheckpoint actual) {
        assertEquals(expected.architecture(), actual.architecture());
        assertEquals(expected.inputShape(), actual.inputShape());
        assertEquals(expected.normalization(), actual.normalization());
        assertEquals(expected.classNames(), actual.classNames());
        assertEquals(expected.provenance(), actual.provenance());
        assertEquals(List.copyOf(expected.tensors().keySet()), List.copyOf(actual.tensors().keySet()));
        for (Map.Entry<String, HostTensor> entry : expected.tensors().entrySet()) {
            HostTensor back = actual.tensors().get(entry.getKey());
            assertArrayEquals(entry.getValue().shape(), back.shape(), entry.getKey());
            assertArrayEquals(rawBits(entry.getValue().data()), rawBits(back.data()), entry.getKey());
        }
    }

    @Test
    void smallCnnRoundTripIsBitExactInEveryTensorAndEqualInMetadata() throws Exception {
        Path file = dir.resolve("small-cnn.safetensors");
        smallCnn.write(file);

        ModelCheckpoint back = ModelCheckpoint.read(file);

        assertSameCheckpoint(smallCnn, back);
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias"), List.copyOf(back.tensors().keySet()));
        // initialised, not empty: every weight tensor has values of both signs
        for (HostTensor tensor : back.tensors().values()) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : tensor.data()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(min < 0 && max > 0, tensor + " " + min + ".." + max);
        }
        assertEquals(421_642, back.buildArchitecture().parameterCount());
        assertEquals(10, back.classCount());
    }

    @Test
    void architectureArgumentsAndMeasuredNormalisationRoundTrip() throws Exception {
        ImageShape rgb = new ImageShape(3, 4, 4);
        Architecture mlp = ArchitectureCatalog.create(ArchitectureSpec.of("mlp", Map.of("hidden", "6,5")), rgb, 3);
        ModelCheckpoint checkpoint;
        try (NDManager manager = TorchRuntime.newManager()) {
            checkpoint = ModelCheckpoint.of(mlp, new Normalization(new double[] {0.1, 0.2, 0.30000000000000004},
                    new double[] {1e-3, 0.5, 2.0 / 3}), List.of("a, with comma", "b \"quoted\"", "ç"),
                    NetworkWeights.initialise(mlp, manager, 3L), provenance());
        }
        Path file = dir.resolve("mlp.safetensors");
        checkpoint.write(file);

        ModelCheckpoint back = ModelCheckpoint.read(file);

        assertSameCheckpoint(checkpoint, back);
        assertEquals("mlp{hidden=6,5}", back.architecture().toString());
    }

    @Test
    void writesTheMetadataUnderTheWfnetKey() throws Exception {
        Path file = dir.resolve("meta.safetensors");
        smallCnn.write(file);
        Map<String, String> metadata = SafeTensors.read(file).metadata();
        assertEquals(List.of("wfnet"), List.copyOf(metadata.keySet()));
        JsonObject json = JsonParser.parseString(metadata.get("wfnet")).getAsJsonObject();
        assertEquals("wfnet-model", json.get("kind").getAsString());
        assertEquals(1, json.get("format_version").getAsInt());
        assertEquals("small-cnn", json.getAsJsonObject("architecture").get("id").getAsString());
        assertEquals(28, json.getAsJsonObject("input").get("height").getAsInt());
        assertEquals(0.2860, json.getAsJsonObject("input").getAsJsonArray("mean").get(0).getAsDouble());
        assertEquals("Ankle boot", json.getAsJsonArray("class_names").get(9).getAsString());
    }

    /** Writes the small CNN's tensors with the given metadata object, bypassing ModelCheckpoint.write. */
    private Path withMetadata(String name, JsonObject metadata, Map<String, HostTensor> tensors) throws Exception {
        Path file = dir.resolve(name);
        SafeTensors.write(file, Map.of("wfnet", metadata.toString()), tensors);
        return file;
    }

    private static WfnetException refused(Path file) {
        return assertThrows(WfnetException.class, () -> ModelCheckpoint.read(file));
    }

    @Test
    void refusesPickleFilesByNameWithTheSafeAlternatives() throws Exception {
        for (String name : List.of("model.pth", "MODEL.PKL", "weights.pickle")) {
            Path file = dir.resolve(name);
            smallCnn.write(file); // even a valid safetensors file under a pickle name is refused unread
            assertEquals(file + " is a pickle file, which can run arbitrary code when loaded, and is not opened"
                    + " directly; bring PyTorch weights in with 'wfnet import " + file + " -o MODEL.safetensors' (it"
                    + " reads the tensors without running the pickle), or save them as .safetensors"
                    + " (safetensors.torch.save_file) and import that",
                    refused(file).getMessage());
        }
    }

    @Test
    void refusesASafetensorsFileWithoutWfnetMetadata() throws Exception {
        Path file = dir.resolve("pytorch.safetensors");
        SafeTensors.write(file, Map.of("format", "pt"), smallCnn.tensors());
        assertEquals(file + " is a safetensors file without WF-Net metadata: it is not a workbench model checkpoint"
                + " (bring weights from PyTorch in with 'wfnet import " + file + " -o MODEL.safetensors')",
                refused(file).getMessage());
    }

    @Test
    void refusesMetadataOfAnotherKind() throws Exception {
        JsonObject metadata = smallCnn.metadataJson();
        metadata.addProperty("kind", "wfnet-bank");
        Path file = withMetadata("bank.safetensors", metadata, smallCnn.tensors());
        assertEquals("metadata kind is 'wfnet-bank', expected 'wfnet-model'", refused(file).getMessage());
    }

    @Test
    void refusesANewerFormatVersion() throws Exception {
        JsonObject metadata = smallCnn.metadataJson();
        metadata.addProperty("format_version", 2);
        Path file = withMetadata("future.safetensors", metadata, smallCnn.tensors());
        assertEquals("format version 2 is newer than this workbench reads (1); update the workbench",
                refused(file).getMessage());
    }

    @Test
    void readsAnOlderOrEqualFormatVersion() throws Exception {
        JsonObject metadata = smallCnn.metadataJson();
        metadata.addProperty("format_version", 0);
        Path file = withMetadata("old.safetensors", metadata, smallCnn.tensors());
        assertEquals(smallCnn.architecture(), ModelCheckpoint.read(file).architecture());
    }

    @Test
    void refusesAnUnknownArchitecture() throws Exception {
        JsonObject metadata = smallCnn.metadataJson();
        metadata.getAsJsonObject("architecture").addProperty("id", "tiny-net");
        Path file = withMetadata("tiny.safetensors", metadata, smallCnn.tensors());
        String message = refused(file).getMessage();
        assertTrue(message.startsWith("unknown architecture 'tiny-net'; the catalogue has ["), message);
        assertTrue(message.contains("small-cnn"), message);
    }

    @Test
    void refusesMetadataThatIsNotJsonOrLacksAField() throws Exception {
        Path garbage = dir.resolve("garbage.safetensors");
        SafeTensors.write(garbage, Map.of("wfnet", "{not json"), smallCnn.tensors());
        assertTrue(refused(garbage).getMessage().startsWith(garbage + ": malformed WF-Net metadata ("));

        JsonObject metadata = smallCnn.metadataJson();
        metadata.remove("input");
        Path noInput = withMetadata("noinput.safetensors", metadata, smallCnn.tensors());
        assertTrue(refused(noInput).getMessage().startsWith(noInput + ": malformed WF-Net metadata ("));
    }

    @Test
    void refusesAMissingTensor() throws Exception {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(smallCnn.tensors());
        tensors.remove("fc1.bias");
        Path file = withMetadata("missing.safetensors", smallCnn.metadataJson(), tensors);
        assertEquals(file + " does not fit small-cnn: missing parameter fc1.bias (128)",
                refused(file).getMessage());
    }

    @Test
    void refusesATensorOfTheWrongShape() throws Exception {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(smallCnn.tensors());
        tensors.put("fc2.weight", new HostTensor(new long[] {9, 128}, new float[9 * 128]));
        tensors.put("fc2.bias", new HostTensor(new long[] {9}, new float[9]));
        Path file = withMetadata("nine.safetensors", smallCnn.metadataJson(), tensors);
        assertEquals(file + " does not fit small-cnn: fc2.weight has shape 9x128, small-cnn expects 10x128;"
                + " fc2.bias has shape 9, small-cnn expects 10", refused(file).getMessage());
    }

    @Test
    void refusesAnExtraTensor() throws Exception {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(smallCnn.tensors());
        tensors.put("fc3.weight", new HostTensor(new long[] {1}, new float[1]));
        Path file = withMetadata("extra.safetensors", smallCnn.metadataJson(), tensors);
        assertEquals(file + " does not fit small-cnn: unexpected tensor fc3.weight",
                refused(file).getMessage());
    }

    @Test
    void refusesATruncatedCheckpoint() throws Exception {
        Path file = dir.resolve("cut.safetensors");
        smallCnn.write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String message = refused(file).getMessage();
        assertTrue(message.startsWith(file + " is truncated: tensor '"), message);
    }

    @Test
    void refusesNormalisationThatDoesNotMatchTheChannels() {
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint(smallCnn.architecture(),
                new ImageShape(3, 28, 28), Normalization.fashionMnist(), smallCnn.classNames(), smallCnn.tensors(),
                provenance()));
    }
}
