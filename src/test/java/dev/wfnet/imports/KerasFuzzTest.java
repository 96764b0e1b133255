package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and hostile Keras files: truncated and bit-flipped HDF5 and archives, weights of the
 * wrong type or shape or missing, datasets that declare more values than memory holds, configs
 * with unknown or code-carrying layers, huge sizes, wrong types, branches, and the zip problems
 * of the PyTorch archives (traversal, bombs). Each ends in a one-line domain error naming the
 * problem (a flip inside weight values, which no format can notice, may import); never in another
 * exception, a hang or an out-of-memory error.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KerasFuzzTest {
    @TempDir
    Path dir;

    private String assertRefused(Path file, String fragment) {
        return HostileFiles.assertRefused(file, ImportSettings.defaults(), fragment);
    }

    private boolean importsOrRefuses(Path file) {
        return HostileFiles.importsOrRefuses(file, ImportSettings.defaults());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static Path hostile(String name) {
        return KerasFixtures.path("hostile/" + name);
    }

    /** A copy of a fixture archive with its config.json edited. */
    private Path withConfig(String fixture, String name, Consumer<JsonObject> edit) throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(KerasFixtures.path(fixture));
        JsonObject config = JsonParser.parseString(new String(entries.get("config.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        edit.accept(config);
        entries.put("config.json", config.toString().getBytes(StandardCharsets.UTF_8));
        return HostileFiles.zip(dir.resolve(name + ".keras"), entries, true);
    }

    private static JsonArray layers(JsonObject config) {
        return config.getAsJsonObject("config").getAsJsonArray("layers");
    }

    /** The layer entry of that name in a config. */
    private static JsonObject layer(JsonObject config, String name) {
        for (var element : layers(config)) {
            JsonObject entry = element.getAsJsonObject();
            if (entry.getAsJsonObject("config").get("name").getAsString().equals(name)) {
                return entry;
            }
        }
        throw new IllegalArgumentException(name);
    }

    // ---- damaged files -------------------------------------------------------------------------------

    @Test
    void everyTruncationOfEveryKerasFileIsRefused() throws IOException {
        for (KerasFixtures.Fixture fixture : KerasFixtures.all()) {
            byte[] whole = Files.readAllBytes(fixture.path());
            Random random = new Random(fixture.name().hashCode());
            for (int i = 0; i < 20; i++) {
                int length = i < 4 ? i * 5 : random.nextInt(whole.length - 1);
                Path cut = write("cut-" + i + "-" + fixture.file(), Arrays.copyOf(whole, length));
                assertFalse(importsOrRefuses(cut), fixture.file() + " cut to " + length + " bytes imported");
            }
        }
    }

    @Test
    void bitFlipsEndInAnImportOrADomainError() throws IOException {
        for (KerasFixtures.Fixture fixture : KerasFixtures.all()) {
            byte[] whole = Files.readAllBytes(fixture.path());
            Random random = new Random(fixture.name().hashCode() + 1);
            int refused = 0;
            for (int i = 0; i < 40; i++) {
                byte[] flipped = whole.clone();
                // half the flips land in the first 4 KB, where HDF5's superblock and headers are
                int at = i % 2 == 0 ? random.nextInt(Math.min(4096, whole.length)) : random.nextInt(whole.length);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                refused += importsOrRefuses(write("flip-" + i + "-" + fixture.file(), flipped)) ? 0 : 1;
            }
            assertTrue(refused > 0, fixture.file() + ": no flip was noticed at all");
        }
    }

    @Test
    void aDamagedWeightsFileInsideAValidArchiveIsRefused() throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(KerasFixtures.path("k3-cnn.keras"));
        byte[] weights = entries.get("model.weights.h5");
        entries.put("model.weights.h5", Arrays.copyOf(weights, weights.length / 3));
        assertRefused(HostileFiles.zip(dir.resolve("cut-weights.keras"), entries, true), "HDF5");
    }

    // ---- weights -------------------------------------------------------------------------------------

    @Test
    void weightsOfTheWrongTypeShapeOrSizeOrMissingAreRefusedByName() {
        assertTrue(importsOrRefuses(hostile("valid-small.h5")), "the unedited file imports");
        assertRefused(hostile("int-kernel.h5"), "holds int values, not floating point");
        assertRefused(hostile("missing-weight.h5"), "conv2d/bias:0 of layer 'conv2d' is listed in weight_names but"
                + " missing");
        assertRefused(hostile("short-kernel.h5"), "'dense' (Dense): kernel has shape 7x3");
        assertRefused(hostile("huge-dataset.h5"), "too many to load");
    }

    @Test
    void filesThatAreNotWholeKerasModelsSayWhatTheyAre() throws IOException {
        assertRefused(hostile("no-config.h5"), "without a Keras model config");
        assertRefused(hostile("weights-only.h5"), "holds only weights (Keras's save_weights)");
        assertRefused(hostile("numeric-config.h5"), "not text");
        assertRefused(hostile("weights.npz"), "NumPy .npz archive, which is refused");
        Map<String, byte[]> entries = HostileFiles.entries(KerasFixtures.path("k3-cnn.keras"));
        entries.put("model.weights.npz", entries.remove("model.weights.h5"));
        assertRefused(HostileFiles.zip(dir.resolve("npz.keras"), entries, true), "model.weights.npz, which is refused");
    }

    @Test
    void weightsOfAnotherModelAreRefused() throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(KerasFixtures.path("k3-cnn.keras"));
        entries.put("model.weights.h5", HostileFiles.entries(KerasFixtures.path("tf213-rgb.keras"))
                .get("model.weights.h5"));
        assertRefused(HostileFiles.zip(dir.resolve("swapped.keras"), entries, true), "has no weights for layer");
    }

    @Test
    void keras3WeightGroupsFollowTheConfigsListingNotTheDataOrder() throws IOException {
        // a weightless layer listed first changes nothing
        Path flattenFirst = withConfig("k3-cnn.keras", "flatten-first", c -> {
            JsonObject flatten = layer(c, "flatten");
            layers(c).remove(flatten);
            layers(c).add(flatten);
        });
        assertTrue(importsOrRefuses(flattenFirst));
        // two convolutions listed the other way round take each other's groups (conv2d_1, conv2d_2),
        // as Keras would load them, and then they do not fit: 'conv2d' has no bias, its new group has one
        Path swapped = withConfig("k3-cnn.keras", "swapped", c -> {
            JsonObject second = layer(c, "conv2d");
            JsonObject third = layer(c, "conv2d_1");
            int i = indexOf(layers(c), second);
            int j = indexOf(layers(c), third);
            layers(c).set(i, third);
            layers(c).set(j, second);
        });
        assertRefused(swapped, "layer 'conv2d' has 2 weights in model.weights.h5; a Conv2D with its config has 1");
    }

    private static int indexOf(JsonArray array, JsonObject entry) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == entry) {
                return i;
            }
        }
        throw new IllegalArgumentException("not listed");
    }

    // ---- hostile configs -----------------------------------------------------------------------------

    @Test
    void unknownAndCodeCarryingLayersAreRefusedByName() throws IOException {
        assertRefused(hostile("lambda.h5"), "'lambda' (Lambda) is not supported (it holds Python code, which is never"
                + " run)");
        Path conv3d = withConfig("k3-cnn.keras", "conv3d", c -> layer(c, "features").addProperty("class_name",
                "Conv3D"));
        assertRefused(conv3d, "'features' (Conv3D) is not supported");
        Path custom = withConfig("tf213-rgb.keras", "custom", c -> layer(c, "dense").addProperty("class_name",
                "MyDense"));
        assertRefused(custom, "'dense' (MyDense) is not supported");
        Path subclassed = withConfig("tf213-rgb.keras", "subclassed", c -> c.addProperty("class_name", "MyModel"));
        assertRefused(subclassed, "the model is a MyModel");
    }

    @Test
    void hugeSizesAndWrongTypesAreRefusedBeforeAllocating() throws IOException {
        assertRefused(withConfig("k3-cnn.keras", "units", c -> layer(c, "dense").getAsJsonObject("config")
                .addProperty("units", 1_000_000_000_000L)), "units is 1.0E12, not a size");
        assertRefused(withConfig("k3-cnn.keras", "filters", c -> layer(c, "features").getAsJsonObject("config")
                .addProperty("filters", 1 << 20)), "kernel has shape 3x3x1x4");
        assertRefused(withConfig("k3-cnn.keras", "input", c -> {
            JsonArray shape = JsonParser.parseString("[null, 100000, 100000, 1]").getAsJsonArray();
            layer(c, "input_layer").getAsJsonObject("config").add("batch_shape", shape);
        }), "too large");
        assertRefused(withConfig("k3-cnn.keras", "kernel-text", c -> layer(c, "features").getAsJsonObject("config")
                .addProperty("kernel_size", "three")), "not a number");
        assertRefused(withConfig("k3-cnn.keras", "unknown-size", c -> {
            JsonArray shape = JsonParser.parseString("[null, null, null, 1]").getAsJsonArray();
            layer(c, "input_layer").getAsJsonObject("config").add("batch_shape", shape);
        }), "needs a fixed input size");
    }

    @Test
    void configsThatAreNotJsonOrNotAChainAreRefused() throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(KerasFixtures.path("k3-cnn.keras"));
        entries.put("config.json", "{\"class_name\": \"Functional\", \"config\": {".getBytes(StandardCharsets.UTF_8));
        assertRefused(HostileFiles.zip(dir.resolve("broken.keras"), entries, true), "not valid JSON");
        entries.put("config.json", "[".repeat(200_000).getBytes(StandardCharsets.UTF_8));
        assertFalse(importsOrRefuses(HostileFiles.zip(dir.resolve("deep.keras"), entries, true)));
        Path branch = withConfig("k3-cnn.keras", "branch", c -> {
            // the dense layer takes both the flatten layer's output and the input
            JsonObject dense = layer(c, "dense");
            JsonArray args = dense.getAsJsonArray("inbound_nodes").get(0).getAsJsonObject().getAsJsonArray("args");
            JsonObject second = args.get(0).deepCopy().getAsJsonObject();
            second.getAsJsonObject("config").add("keras_history", JsonParser.parseString("[\"input_layer\", 0, 0]"));
            args.add(second);
        });
        assertRefused(branch, "layer 'dense' takes inputs from flatten, input_layer");
        Path middleSoftmax = withConfig("k3-cnn.keras", "softmax", c -> layer(c, "dense").getAsJsonObject("config")
                .addProperty("activation", "softmax"));
        assertRefused(middleSoftmax, "a softmax is supported only at the end");
        Path channelsFirst = withConfig("k3-cnn.keras", "channels-first", c -> layer(c, "features")
                .getAsJsonObject("config").addProperty("data_format", "channels_first"));
        assertRefused(channelsFirst, "data_format 'channels_first' is not supported");
        Path relu6 = withConfig("k3-cnn.keras", "relu6", c -> layer(c, "re_lu").getAsJsonObject("config")
                .addProperty("max_value", 6));
        assertRefused(relu6, "max_value and threshold are not supported");
    }

    // ---- zip containers ------------------------------------------------------------------------------

    @Test
    void entryNamesOutsideTheArchiveAndZipBombsAreRefused() throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(KerasFixtures.path("k3-cnn.keras"));
        entries.put("../../config.json", new byte[1]);
        assertRefused(HostileFiles.zip(dir.resolve("traversal.keras"), entries, false), "a path outside the archive");
        Map<String, byte[]> bomb = HostileFiles.entries(KerasFixtures.path("k3-cnn.keras"));
        byte[] spaces = new byte[48 << 20];
        Arrays.fill(spaces, (byte) ' ');
        bomb.put("config.json", spaces);
        Path file = HostileFiles.zip(dir.resolve("bomb.keras"), bomb, true);
        assertTrue(Files.size(file) < 1 << 20);
        assertRefused(file, "possible zip bomb");
    }

    @Test
    void nothingIsEverWrittenByARefusedImport() throws IOException {
        long before;
        try (var files = Files.list(dir)) {
            before = files.count();
        }
        Path hostile = withConfig("k3-cnn.keras", "lambda", c -> layer(c, "dense").addProperty("class_name", "Lambda"));
        assertRefused(hostile, "Lambda");
        try (var files = Files.list(dir)) {
            assertEquals(before + 1, files.count(), "only the hostile file itself");
        }
    }
}
