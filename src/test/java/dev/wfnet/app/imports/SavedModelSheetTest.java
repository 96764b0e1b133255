package dev.wfnet.app.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.model.ModelCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's import sheet takes a TensorFlow SavedModel (a directory) as it takes a PyTorch file. */
class SavedModelSheetTest {
    private final SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
    private final List<String> opened = new ArrayList<>();
    @TempDir
    Path folder;

    @Test
    void aSavedModelDirectoryImportsThroughTheSheetVerifiedByTensorFlow() throws Exception {
        ImportSheetViewModel model = new ImportSheetViewModel(ImportSheetViewModelTest.fixture("savedmodel/keras-objectgraph"),
                "fashion-mnist-bundled", new DirectJobRunner(), errors, (file, spec) -> opened.add(file + " with " + spec));
        model.inspect();
        assertEquals("sequential", model.architectureProperty().get());
        assertTrue(model.summaryProperty().get().startsWith("TensorFlow SavedModel"), model.summaryProperty().get());
        assertTrue(model.canImportProperty().get(), model.problemsProperty().get());
        Path output = folder.resolve("keras.safetensors");
        model.outputProperty().set(output.toString());
        model.startImport();
        assertEquals(List.of(), errors.messages);
        assertEquals(List.of(output + " with fashion-mnist-bundled"), opened);
        ModelCheckpoint checkpoint = ModelCheckpoint.read(output);
        var configuration = checkpoint.provenance().configuration();
        // the layer list the sheet showed is the file's: its Rescaling is folded in, TensorFlow checks the import
        assertTrue(configuration.get("verification").contains("the SavedModel's serving signature"),
                configuration.get("verification"));
        assertTrue(configuration.get("preprocessing").contains("raw 0..255 pixels"), configuration.get("preprocessing"));
        assertEquals(0, checkpoint.normalization().mean()[0], 1e-9);
        // raw pixels (std 1/255 of pixels / 255) times the model's own 1/255: pixels / 255 reach the network
        assertEquals(1, checkpoint.normalization().std()[0], 1e-6);
    }
}
