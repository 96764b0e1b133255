package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.SequentialNetwork;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every Keras fixture (each file layout Keras writes) imports with the architecture its config
 * states, and the imported model gives the scores a numpy implementation of the same Keras stack
 * gives, to 1e-4: on the Keras model's own inputs through the verification, and on pixels through
 * the model's stored normalisation, which must reproduce the Keras model's Rescaling and
 * Normalization layers and its channels-last layout.
 */
class KerasImportTest {

    static Stream<KerasFixtures.Fixture> fixtures() {
        return KerasFixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importsAsTheFileStatesAndGivesKerasScores(KerasFixtures.Fixture fixture) throws WfnetException {
        ImportedModel imported = ModelImporter.run(fixture.path(), fixture.against(fixture.scores()));
        ImportVerifier.Verification verification = imported.report().verification();
        assertTrue(verification.referenced(), verification.summary());
        assertTrue(verification.maxAbsError() <= 1e-4, verification.summary());
        assertFalse(verification.summary().contains("as probabilities"), verification.summary());
        assertEquals(SequentialNetwork.ID, imported.checkpoint().architecture().id());
        assertEquals("stated by the file", imported.report().how());
        assertEquals(fixture.classes(), imported.report().classes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesTheKerasModelsOwnOutputsProbabilitiesIncluded(KerasFixtures.Fixture fixture) throws WfnetException {
        ImportVerifier.Verification verification = ModelImporter.run(fixture.path(),
                fixture.against(fixture.outputs())).report().verification();
        assertTrue(verification.maxAbsError() <= 1e-4, verification.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theStoredNormalisationTakesPixelsAsTheKerasModelDid(KerasFixtures.Fixture fixture) throws WfnetException {
        ModelCheckpoint checkpoint = ModelImporter.run(fixture.path(), ImportSettings.defaults()).checkpoint();
        ImageShape shape = checkpoint.inputShape();
        Normalization normalization = checkpoint.normalization();
        HostTensor pixels = fixture.pixels();
        int n = (int) pixels.shape()[0];
        int c = shape.channels();
        int h = shape.height();
        int w = shape.width();
        float[] prepared = new float[n * c * h * w];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        // as the data loaders do: pixel / 255, then (p - mean) / std, channels first
                        double p = pixels.data()[((i * h + y) * w + x) * c + ch] / 255.0;
                        prepared[((i * c + ch) * h + y) * w + x] = (float) ((p - normalization.mean()[ch])
                                / normalization.std()[ch]);
                    }
                }
            }
        }
        Architecture architecture = checkpoint.buildArchitecture();
        ImportVerifier.Verification verification = ImportVerifier.againstReference(architecture, checkpoint.tensors(),
                new HostTensor(shape.asBatchShape(n), prepared), NpyReader.read(fixture.scores()), 1e-4);
        assertTrue(verification.maxAbsError() <= 1e-4, verification.summary());
    }

    @Test
    void aModelThatRescalesItselfIsTakenToWantRawPixelsUnlessTheUserSaysOtherwise() throws WfnetException {
        KerasFixtures.Fixture fixture = KerasFixtures.named("k3-cnn");
        ImportedModel raw = ModelImporter.run(fixture.path(), ImportSettings.defaults());
        // Rescaling(1/255) on raw pixels: the network sees pixel / 255 itself, mean 0 and std 1
        assertEquals(0, raw.checkpoint().normalization().mean()[0], 1e-12);
        assertEquals(1, raw.checkpoint().normalization().std()[0], 1e-9);
        assertTrue(raw.report().assumptions().stream().anyMatch(a -> a.contains("raw 0..255")), raw.report().lines()
                .toString());
        // told the Keras model took pixels / 255, the Rescaling divides by 255 once more
        ImportSettings unit = new ImportSettings(null, null, List.of(), new InputPreprocessing(new double[] {0},
                new double[] {1}, false), null, null, null, false, ImportVerifier.DEFAULT_TOLERANCE);
        ImportedModel scaled = ModelImporter.run(fixture.path(), unit);
        assertEquals(255, scaled.checkpoint().normalization().std()[0], 1e-9);
    }

    @Test
    void theImportSheetIsShownTheStatedArchitectureAsCertainAndItsTextBackKeepsTheInputLayers()
            throws WfnetException {
        KerasFixtures.Fixture fixture = KerasFixtures.named("k3-functional");
        ImportPlan plan = ModelImporter.inspect(fixture.path());
        ArchitectureGuess.Candidate candidate = plan.guess().candidate().orElseThrow();
        assertTrue(plan.stated());
        assertFalse(ModelImporter.inspect(ImportFixtures.path("mnist-net.pt")).stated(), "a state_dict is guessed");
        assertTrue(candidate.certain());
        assertEquals(new ImageShape(1, 28, 28), candidate.input());
        // the sheet gives the layer list back one layer a line
        String layers = String.join(",\n", candidate.spec().arguments().get("layers").split("; "));
        ImportSettings fromSheet = new ImportSettings(dev.wfnet.model.ArchitectureSpec.of(SequentialNetwork.ID,
                java.util.Map.of("layers", layers)), candidate.input(), List.of(), InputPreprocessing.defaults(), null,
                fixture.inputs(), fixture.scores(), true, ImportVerifier.DEFAULT_TOLERANCE);
        ImportedModel imported = ModelImporter.run(fixture.path(), fromSheet);
        assertEquals("stated by the file", imported.report().how());
        assertTrue(imported.report().verification().maxAbsError() <= 1e-4);
    }

    @Test
    void anInputSizeOtherThanTheStatedOneIsRefused() {
        KerasFixtures.Fixture fixture = KerasFixtures.named("tf2-cnn");
        ImportSettings wrong = new ImportSettings(null, new ImageShape(1, 32, 32), List.of(), null, null, null, null,
                false, ImportVerifier.DEFAULT_TOLERANCE);
        WfnetException e = assertThrows(WfnetException.class, () -> ModelImporter.run(fixture.path(), wrong));
        assertTrue(e.getMessage().contains("states its input as 1x28x28"), e.getMessage());
    }
}
