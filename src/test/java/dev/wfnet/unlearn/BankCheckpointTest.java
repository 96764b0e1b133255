package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Provenance;
import dev.wfnet.io.SafeTensors;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.NativeManagerExtension;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.SmallCnn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bank files: a bit-exact round trip, and refusal of the wrong model, the wrong shapes and a model file. */
@ExtendWith(NativeManagerExtension.class)
class BankCheckpointTest {
    private static final String SHA_A = "a1b2c3d4e5f6" + "0".repeat(52);
    private static final String SHA_B = "0f1e2d3c4b5a" + "9".repeat(52);
    private static final Provenance PROVENANCE = new Provenance("untrain", Map.of("model", SHA_A), 11L,
            Map.of("l0", "1.0"), Map.of("java", "17"), Instant.parse("2024-05-06T07:08:09.123Z"), 12.345678901234);

    private final Architecture fashion = new SmallCnn(new ImageShape(1, 28, 28), 10);
    private final LayerSelection weightsAndBiases = new LayerSelection(true, false, List.of());
    private final UntrainConfig config = UntrainConfig.paperReference().set(UntrainConfig.CLASSES, List.of(1, 3, 8))
            .set(UntrainConfig.GRANULARITY, Granularity.FILTER).set(UntrainConfig.BIASES, true)
            .set(UntrainConfig.RETAIN_WEIGHT, 0.7).set(UntrainConfig.FORGET_WEIGHT, 1.3)
            .set(UntrainConfig.SPARSITY_WEIGHT, 0.5).set(UntrainConfig.COPIES, 3).set(UntrainConfig.BATCH_SIZE, 64)
            .set(UntrainConfig.LEARNING_RATE, 2.5e-2).set(UntrainConfig.COSINE_SCHEDULE, true)
            .set(UntrainConfig.STEPS, 40).set(UntrainConfig.SEED, 99L).set(UntrainConfig.SNAPSHOT_EVERY, 10)
            .set(UntrainConfig.CHECKPOINT_EVERY, 5).set(UntrainConfig.VALIDATION_PER_CLASS, 30).build();
    private NDManager manager;

    @TempDir
    Path dir;

    @BeforeEach
    void open(NDManager manager) {
        this.manager = manager;
    }

    private BankLayout layout() throws WfnetException {
        return BankLayout.of(fashion, new int[] {1, 3, 8}, Granularity.FILTER, weightsAndBiases);
    }

    /** Values that a lossy write (decimal text, double rounding) would not keep. */
    private static Map<String, HostTensor> awkward(BankLayout layout, long seed, boolean signed) {
        Map<String, HostTensor> tensors = AlphaBankTest.randomAlphas(layout, seed, signed ? -1f : 0f, 1f);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            float[] data = tensor.data();
            data[0] = Float.MIN_VALUE;
            data[1] = 0.1f;
            data[2] = Math.nextDown(1f);
            data[3] = 0f;
            out.put(name, tensor);
        });
        return out;
    }

    private BankCheckpoint bank(String sha) throws WfnetException {
        BankLayout layout = layout();
        return new BankCheckpoint(layout, sha, FashionMnist.CLASS_NAMES, config, 17, awkward(layout, 1, false),
                awkward(layout, 2, true), awkward(layout, 3, false), PROVENANCE);
    }

    private LoadedModel model(ImageShape input, int classes, String sha) throws WfnetException {
        Architecture architecture = new SmallCnn(input, classes);
        ModelCheckpoint checkpoint = ModelCheckpoint.of(architecture, Normalization.fashionMnist(),
                FashionMnist.CLASS_NAMES.subList(0, classes), NetworkWeights.initialise(architecture, manager, 1),
                PROVENANCE);
        return LoadedModel.of(checkpoint, sha, "test");
    }

    @Test
    void writingThenReadingGivesTheSameBankBitForBit() throws Exception {
        BankCheckpoint bank = bank(SHA_A);
        Path file = dir.resolve("bank.safetensors");
        bank.write(file);

        BankCheckpoint read = BankCheckpoint.read(file);

        assertEquals(bank.layout(), read.layout());
        assertArrayEquals(new int[] {1, 3, 8}, read.layout().classes());
        assertEquals(10, read.layout().modelClassCount());
        assertEquals(Granularity.FILTER, read.layout().granularity());
        assertEquals(SHA_A, read.modelSha256());
        assertEquals(FashionMnist.CLASS_NAMES, read.classNames());
        assertEquals(config.describe(), read.config().describe());
        assertEquals(List.of(), read.config().selection().layers());
        assertTrue(read.config().cosineSchedule());
        assertEquals(17, read.step());
        // HostTensor equality compares shapes and float bits (Arrays.equals on float[])
        assertEquals(bank.alphas(), read.alphas());
        assertEquals(bank.firstMoments(), read.firstMoments());
        assertEquals(bank.secondMoments(), read.secondMoments());
        assertEquals(List.copyOf(bank.alphas().keySet()), List.copyOf(read.alphas().keySet()));
        assertEquals(PROVENANCE, read.provenance());
        assertTrue(read.resumable());
        assertFalse(read.complete());

        Path finished = dir.resolve("finished.safetensors");
        bank.withoutOptimizerState().write(finished);
        BankCheckpoint small = BankCheckpoint.read(finished);
        assertFalse(small.resumable());
        assertEquals(bank.alphas(), small.alphas());
        assertTrue(Files.size(finished) < Files.size(file) / 2, "no moments in a finished bank");
    }

    @Test
    void aLayerSubsetSurvivesTheRoundTrip() throws Exception {
        LayerSelection subset = new LayerSelection(false, false, List.of("conv2", "fc2"));
        UntrainConfig withLayers = UntrainConfig.builder().set(UntrainConfig.LAYERS, subset.layers()).build();
        BankLayout layout = BankLayout.of(fashion, withLayers.bankClasses(10), Granularity.WEIGHT, subset);
        BankCheckpoint bank = new BankCheckpoint(layout, SHA_A, FashionMnist.CLASS_NAMES, withLayers, 0,
                AlphaBankTest.randomAlphas(layout, 4, 0, 1), Map.of(), Map.of(), PROVENANCE);
        Path file = dir.resolve("layers.safetensors");
        bank.write(file);

        BankCheckpoint read = BankCheckpoint.read(file);
        assertEquals(List.of("conv2", "fc2"), read.config().selection().layers());
        assertEquals(0, read.config().classes().length, "'all classes' stays 'all'");
        assertEquals(List.of("conv2.weight", "fc2.weight"), List.copyOf(read.alphas().keySet()));
        assertEquals(bank.alphas(), read.alphas());
        try (LoadedModel model = model(new ImageShape(1, 28, 28), 10, SHA_A)) {
            read.checkArchitecture(model.architecture(), file);
        }
    }

    @Test
    void aBankOpensForItsOwnModelWithItsAlphas() throws Exception {
        Path file = dir.resolve("bank.safetensors");
        BankCheckpoint bank = bank(SHA_A);
        bank.write(file);
        try (LoadedModel model = model(new ImageShape(1, 28, 28), 10, SHA_A)) {
            AlphaBank opened = BankCheckpoint.openFor(model, file, manager);
            assertEquals(bank.layout(), opened.layout());
            assertEquals(bank.alphas(), opened.toHost());
        }
    }

    @Test
    void aBankIsRefusedForAModelWithAnotherSha256() throws Exception {
        Path file = dir.resolve("bank.safetensors");
        bank(SHA_A).write(file);
        try (LoadedModel other = model(new ImageShape(1, 28, 28), 10, SHA_B)) {
            WfnetException e = assertThrows(WfnetException.class, () -> BankCheckpoint.openFor(other, file, manager));
            assertEquals("bank " + file + " was trained on the model with SHA-256 a1b2c3d4e5f6..., not on this model "
                    + "(SHA-256 0f1e2d3c4b5a...); untrain this model to get a bank for it", e.getMessage());
        }
    }

    @Test
    void aBankWhoseTensorsDoNotFitTheArchitectureIsRefused() throws Exception {
        Path file = dir.resolve("bank.safetensors");
        bank(SHA_A).write(file);
        // same SHA-256 (say, a file edited by hand), but 32x32 inputs: fc1 takes 64*8*8, not 64*7*7
        try (LoadedModel wider = model(new ImageShape(1, 32, 32), 10, SHA_A)) {
            WfnetException e = assertThrows(WfnetException.class, () -> BankCheckpoint.openFor(wider, file, manager));
            assertEquals("bank " + file + " does not fit small-cnn: its filtered tensors or shapes differ from the "
                    + "model's", e.getMessage());
        }
        // a model with fewer classes than the bank's rows name
        try (LoadedModel five = model(new ImageShape(1, 28, 28), 5, SHA_A)) {
            WfnetException e = assertThrows(WfnetException.class, () -> BankCheckpoint.openFor(five, file, manager));
            assertTrue(e.getMessage().contains("between 0 and 4, got [1, 3, 8]"), e.getMessage());
        }
    }

    @Test
    void aModelFileGivenAsABankIsNamedForWhatItIs() throws Exception {
        Path modelFile = dir.resolve("model.safetensors");
        try (LoadedModel model = model(new ImageShape(1, 28, 28), 10, SHA_A)) {
            model.checkpoint().write(modelFile);
        }
        WfnetException e = assertThrows(WfnetException.class, () -> BankCheckpoint.read(modelFile));
        assertEquals(modelFile + " is a 'wfnet-model' file, not a WF-Net bank (it is a model: pass it as MODEL)",
                e.getMessage());

        Path bare = dir.resolve("bare.safetensors");
        SafeTensors.write(bare, Map.of(), Map.of("x", new HostTensor(new long[] {1}, new float[] {1})));
        WfnetException noMetadata = assertThrows(WfnetException.class, () -> BankCheckpoint.read(bare));
        assertEquals(bare + " is a safetensors file without WF-Net metadata: it is not a bank",
                noMetadata.getMessage());
    }
}
