package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TorchRuntime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture model, in every format PyTorch saved it in, imports onto the architecture its code
 * describes and computes PyTorch's outputs on the probe inputs to within 1e-4. The outputs are
 * computed here, not by the importer's own verifier, so a verifier that passed everything would
 * not make these pass.
 */
class ImportMatchesPyTorchTest {
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> files() {
        return ImportFixtures.files().stream().map(pair -> Arguments.of(pair[0], pair[1]));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("files")
    void importedModelComputesPyTorchsOutputs(ImportFixtures.Fixture fixture, String file) throws Exception {
        ImportedModel imported = ModelImporter.run(fixture.file(file), fixture.settings());
        ModelCheckpoint checkpoint = imported.checkpoint();
        assertEquals(fixture.spec().id(), checkpoint.architecture().id());
        fixture.expect().forEach((key, value) ->
                assertEquals(value, checkpoint.architecture().arguments().get(key), file + ": argument " + key));
        assertEquals(fixture.input(), checkpoint.inputShape());
        double error = maxError(checkpoint, fixture);
        System.out.printf("%s (%s): max abs error vs PyTorch %.3g%n", file, imported.report().format(), error);
        assertTrue(error <= TOLERANCE, file + ": max abs error " + error);
        assertEquals(Hashing.sha256(fixture.file(file)), checkpoint.provenance().inputs().get("source"));
        assertEquals(ModelImporter.COMMAND, checkpoint.provenance().command());
    }

    /** PyTorch's outputs against the imported model's, computed here from the checkpoint's tensors. */
    static double maxError(ModelCheckpoint checkpoint, ImportFixtures.Fixture fixture) throws WfnetException {
        HostTensor inputs = fixture.referenceInputs();
        HostTensor outputs = fixture.referenceOutputs();
        Architecture architecture = checkpoint.buildArchitecture();
        String layers = checkpoint.architecture().arguments().getOrDefault("layers", "");
        boolean endsInSoftmax = layers.endsWith("; Softmax(dim=1)");
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.load(architecture, checkpoint.tensors(), manager, fixture.name());
            float[] ours = architecture.forward(weights, manager.create(inputs.data(), new Shape(inputs.shape())), false)
                    .toFloatArray();
            assertEquals(outputs.size(), ours.length);
            double max = 0;
            for (int i = 0; i < ours.length; i++) {
                // a final Softmax runs as LogSoftmax: PyTorch's probabilities are exp of our outputs
                double value = endsInSoftmax ? Math.exp(ours[i]) : ours[i];
                max = Math.max(max, Math.abs(value - outputs.data()[i]));
            }
            return max;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tv-resnet18", "tv-resnet18-f16", "tv-resnet34", "tv-resnet50", "kuangliu-resnet18",
            "kuangliu-resnet18-bf16", "akamaster-resnet20"})
    void resNetsAreRecognisedFromTheirWeightsAlone(String name) throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named(name);
        for (String file : fixture.files()) {
            ImportSettings guessed = new ImportSettings(null, fixture.input(), List.of(), null, null, null, null, false,
                    TOLERANCE);
            ModelCheckpoint checkpoint = ModelImporter.run(fixture.file(file), guessed).checkpoint();
            assertEquals(fixture.spec().id(), checkpoint.architecture().id(), file);
            fixture.expect().forEach((key, value) ->
                    assertEquals(value, checkpoint.architecture().arguments().get(key), file + ": " + key));
            assertTrue(maxError(checkpoint, fixture) <= TOLERANCE, file);
        }
    }

    @Test
    void givenOnlyTheArchitectureIdTheArgumentsAreReadFromTheWeights() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("tv-resnet50");
        ImportSettings settings = new ImportSettings(ArchitectureSpec.of("resnet50"), fixture.input(), List.of(), null,
                null, null, null, false, TOLERANCE);
        ImportedModel imported = ModelImporter.run(fixture.file("tv-resnet50.pth"), settings);
        assertEquals("2", imported.checkpoint().architecture().arguments().get("width"));
        assertTrue(imported.report().how().contains("width=2"), imported.report().how());
    }

    @Test
    void theVerifierPassesACorrectImportAndRecordsItInTheProvenance() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("mnist-net");
        ImportedModel imported = ModelImporter.run(fixture.file("mnist-net.pt"), fixture.settingsWithReferences());
        ImportVerifier.Verification verification = imported.report().verification();
        assertTrue(verification.referenced());
        assertEquals(4, verification.samples());
        assertTrue(verification.maxAbsError() <= TOLERANCE);
        String recorded = imported.checkpoint().provenance().configuration().get("verification");
        assertTrue(recorded.startsWith("matches the reference outputs on 4 inputs"), recorded);
        assertEquals(Hashing.sha256(fixture.outputs()),
                imported.checkpoint().provenance().inputs().get("reference_outputs"));
    }

    @Test
    void aWrongLayerListIsRefusedByTheReferenceOutputs() {
        ImportFixtures.Fixture fixture = ImportFixtures.named("lenet-tanh");
        // the shapes fit, but ReLU and max-pooling are not what the model computes
        String wrong = fixture.spec().arguments().get("layers").replace("Tanh()", "ReLU()").replace("AvgPool2d", "MaxPool2d");
        ImportSettings settings = new ImportSettings(ArchitectureSpec.of("sequential", java.util.Map.of("layers", wrong)),
                fixture.input(), List.of(), null, null, fixture.inputs(), fixture.outputs(), false, TOLERANCE);
        WfnetException refused = assertThrows(WfnetException.class,
                () -> ModelImporter.run(fixture.file("lenet-tanh.pth"), settings));
        assertTrue(refused.getMessage().contains("does not reproduce the reference outputs"), refused.getMessage());
    }

    @Test
    void aGuessedPlainStackIsOnlyAProposalUntilConfirmed() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("mnist-net");
        WfnetException proposal = assertThrows(WfnetException.class,
                () -> ModelImporter.run(fixture.file("mnist-net.pt"), ImportSettings.defaults()));
        String message = proposal.getMessage();
        assertTrue(message.contains("conv1:Conv2d(1,4,kernel_size=3,stride=1,padding=0,bias=True); ReLU();"
                + " conv2:Conv2d(4,8,kernel_size=3,stride=1,padding=0,bias=True); ReLU(); MaxPool2d(kernel_size=2"), message);
        assertTrue(message.contains("--accept-guess"), message);
        // the guess (ReLU, one max-pool after conv2, input 1x28x28) is the model's: its probabilities match
        ImportSettings verified = new ImportSettings(null, null, List.of(), null, null, fixture.inputs(),
                fixture.outputs(), false, TOLERANCE);
        ImportedModel imported = ModelImporter.run(fixture.file("mnist-net.pt"), verified);
        assertTrue(imported.report().verification().summary().contains("as probabilities"),
                imported.report().verification().summary());
        assertTrue(imported.report().how().contains("confirmed by the reference outputs"));
    }

    @Test
    void aGuessWithWrongActivationsIsCaughtByTheReferences() {
        ImportFixtures.Fixture fixture = ImportFixtures.named("lenet-tanh");
        ImportSettings settings = new ImportSettings(null, null, List.of(), null, null, fixture.inputs(),
                fixture.outputs(), false, TOLERANCE);
        WfnetException refused = assertThrows(WfnetException.class,
                () -> ModelImporter.run(fixture.file("lenet-tanh.pth"), settings));
        assertTrue(refused.getMessage().contains("does not reproduce"), refused.getMessage());
    }

    @Test
    void aWholePickledModelIsRefusedNamingItsClassAndTheFix() {
        WfnetException refused = assertThrows(WfnetException.class,
                () -> ModelImporter.run(ImportFixtures.path("whole-model.pth"), ImportSettings.defaults()));
        String message = refused.getMessage();
        assertTrue(message.contains("__main__.MnistNet"), message);
        assertTrue(message.contains("torch.save(model.state_dict()"), message);
    }

    @Test
    void aTrainingCheckpointsWeightsAreFoundAndItsOptimiserStateIgnored() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("mlp");
        ImportedModel imported = ModelImporter.run(fixture.file("mlp-checkpoint.pt"), fixture.settings());
        String weights = imported.checkpoint().provenance().configuration().get("weights");
        assertTrue(weights.contains("entry 'model_state_dict'"), weights);
        assertEquals(4, imported.checkpoint().tensors().size());
    }

    @Test
    void wrappersPrefixesAndAliasesAreUndoneAndTheMappingRecorded() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("kuangliu-resnet18");
        ImportedModel imported = ModelImporter.run(fixture.file("kuangliu-resnet18-ckpt.pth"), fixture.settings());
        java.util.Map<String, String> configuration = imported.checkpoint().provenance().configuration();
        String weights = configuration.get("weights");
        assertTrue(weights.contains("entry 'net'") && weights.contains("prefix 'module.' removed")
                && weights.contains("num_batches_tracked"), weights);
        JsonObject mapping = JsonParser.parseString(configuration.get("mapping")).getAsJsonObject();
        assertEquals("fc.weight", mapping.get("module.linear.weight").getAsString());
        assertEquals("layer2.0.downsample.0.weight", mapping.get("module.layer2.0.shortcut.0.weight").getAsString());
        assertFalse(imported.checkpoint().tensors().keySet().stream().anyMatch(n -> n.contains("shortcut")));
    }

    @Test
    void aTimmViTNeedsItsHeadCountWhichTheWeightsDoNotHold() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("timm-vit");
        // guessed: one head (timm's 64 dimensions per head), which the references refuse
        ImportSettings guessed = new ImportSettings(null, null, List.of(), null, null, fixture.inputs(),
                fixture.outputs(), false, TOLERANCE);
        assertThrows(WfnetException.class, () -> ModelImporter.run(fixture.file("timm-vit.safetensors"), guessed));
        ImportSettings named = new ImportSettings(ArchitectureSpec.of("vit", java.util.Map.of("heads", "2")), null,
                List.of(), null, null, fixture.inputs(), fixture.outputs(), false, TOLERANCE);
        ModelCheckpoint checkpoint = ModelImporter.run(fixture.file("timm-vit.safetensors"), named).checkpoint();
        assertEquals(fixture.input(), checkpoint.inputShape());
        assertTrue(maxError(checkpoint, fixture) <= TOLERANCE);
    }

    @Test
    void aModelForLargerImagesTakesSmallerOnesFramedInBlackAsItsArchitectureRecords() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("lenet-tanh");
        double mean = 0.1307;
        double std = 0.3081;
        ImportSettings settings = new ImportSettings(fixture.spec(), fixture.input(), List.of(),
                new InputPreprocessing(new double[] {mean}, new double[] {std}, false), null, null, null, false,
                TOLERANCE).withFit(new ImportSettings.Fit(new dev.wfnet.data.ImageShape(1, 28, 28), true));
        ModelCheckpoint checkpoint = ModelImporter.run(fixture.file("lenet-tanh.pth"), settings).checkpoint();
        assertEquals(new dev.wfnet.data.ImageShape(1, 28, 28), checkpoint.inputShape());
        assertTrue(checkpoint.architecture().arguments().get("fit").startsWith("pad:32x32:-0.4242"));
        // the same images framed by hand with black (normalised: -mean/std) through the unfitted network
        float[] images = new float[4 * 28 * 28];
        float[] framed = new float[4 * 32 * 32];
        java.util.Random random = new java.util.Random(3);
        java.util.Arrays.fill(framed, (float) (-mean / std));
        for (int n = 0; n < 4; n++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float value = (float) random.nextGaussian();
                    images[(n * 28 + y) * 28 + x] = value;
                    framed[(n * 32 + y + 2) * 32 + x + 2] = value;
                }
            }
        }
        Architecture fitted = checkpoint.buildArchitecture();
        Architecture plain = dev.wfnet.model.ArchitectureCatalog.create(ArchitectureSpec.of("sequential",
                java.util.Map.of("layers", checkpoint.architecture().arguments().get("layers"))), fixture.input(), 10);
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.load(fitted, checkpoint.tensors(), manager, "lenet");
            float[] ours = fitted.forward(weights, manager.create(images, new Shape(4, 1, 28, 28)), false).toFloatArray();
            float[] expected = plain.forward(weights, manager.create(framed, new Shape(4, 1, 32, 32)), false)
                    .toFloatArray();
            for (int i = 0; i < ours.length; i++) {
                assertEquals(expected[i], ours[i], 1e-5, "output " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tv-resnet18-script.pt", "tv-resnet50-script.pt", "mnist-net-script.pt",
            "seq-bn-cnn-script.pt"})
    void aTorchScriptArchiveIsVerifiedAgainstTheModuleItselfWhenAsked(String file) throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.all().stream().filter(f -> f.files().contains(file)).findFirst()
                .orElseThrow();
        ImportVerifier.Verification verification = ModelImporter.run(fixture.file(file),
                fixture.settings().withTorchScriptRun(true)).report().verification();
        assertTrue(verification.referenced(), verification.summary());
        assertTrue(verification.summary().startsWith("matches the TorchScript module's own outputs"),
                verification.summary());
        assertTrue(verification.maxAbsError() <= TOLERANCE);
    }

    @Test
    void aWrongLayerListForATorchScriptArchiveIsRefusedByTheModule() throws Exception {
        ImportFixtures.Fixture fixture = ImportFixtures.named("mnist-net");
        String wrong = fixture.spec().arguments().get("layers").replace("MaxPool2d", "AvgPool2d");
        ImportSettings settings = new ImportSettings(ArchitectureSpec.of("sequential", java.util.Map.of("layers", wrong)),
                fixture.input(), List.of(), null, null, null, null, false, TOLERANCE);
        WfnetException refused = assertThrows(WfnetException.class,
                () -> ModelImporter.run(fixture.file("mnist-net-script.pt"), settings.withTorchScriptRun(true)));
        assertTrue(refused.getMessage().contains("does not reproduce the TorchScript module's own outputs"),
                refused.getMessage());
        // without being asked, the archive's code is not run: the shapes fit, and only probes are run
        assertFalse(ModelImporter.run(fixture.file("mnist-net-script.pt"), settings).report().verification()
                .referenced());
    }
}
