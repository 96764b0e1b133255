package dev.wfnet.app.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.model.ModelCheckpoint;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportSheetViewModelTest {
    private final SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
    private final List<String> opened = new ArrayList<>();
    @TempDir
    Path folder;

    static Path fixture(String name) {
        try {
            return Path.of(ImportSheetViewModelTest.class.getResource("/imports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportSheetViewModel sheet(String name) {
        ImportSheetViewModel model = new ImportSheetViewModel(fixture(name), "cifar10:/data/cifar",
                new DirectJobRunner(), errors, (file, spec) -> opened.add(file + " with " + spec));
        model.inspect();
        return model;
    }

    @Test
    void theWeightsFillTheFieldsAndABadValueIsNamedAndBlocksTheImport() {
        ImportSheetViewModel model = sheet("kuangliu-resnet18-ckpt.pth");
        assertEquals("resnet18", model.architectureProperty().get());
        assertEquals("width=4", model.argumentsProperty().get());
        assertEquals("3x32x32", model.inputProperty().get());
        assertEquals("0, 1, 2, 3, 4, 5, 6, 7, 8, 9", model.classesProperty().get());
        assertTrue(model.summaryProperty().get().startsWith("PyTorch torch.save archive (zip), 102 tensors"),
                model.summaryProperty().get());
        assertTrue(model.canImportProperty().get(), model.problemsProperty().get());
        model.classesProperty().set("cat, dog");
        assertEquals("Classes: the model has 10 outputs, 2 names are given", model.problemsProperty().get());
        assertFalse(model.canImportProperty().get());
        model.classesProperty().set("plane, car, bird, cat, deer, dog, frog, horse, ship, truck");
        model.inputProperty().set("3x32");
        assertTrue(model.problemsProperty().get().startsWith("Input: input shape '3x32' is not CxHxW"),
                model.problemsProperty().get());
        model.inputProperty().set("3x32x32");
        model.meanProperty().set("0.49, 0.48");
        assertEquals("Mean needs one value or one per channel (3)", model.problemsProperty().get());
        model.meanProperty().set("0.4914, 0.4822, 0.4465");
        model.stdProperty().set("0.247, 0.243, 0.261");
        assertTrue(model.canImportProperty().get(), model.problemsProperty().get());
    }

    @Test
    void importWritesTheModelAndHandsItToTheWindowWithTheDatasetChosen() throws Exception {
        ImportSheetViewModel model = sheet("mnist-net.pt");
        // a plain stack: the guessed layer list is shown, one layer per line, for the user to check
        assertEquals("sequential", model.architectureProperty().get());
        assertTrue(model.layersProperty().get().startsWith("conv1:Conv2d(1,4,kernel_size=3,stride=1,padding=0,"
                + "bias=True),\nReLU(),\n"), model.layersProperty().get());
        assertTrue(model.summaryProperty().get().contains("check: activations and pooling"));
        Path output = folder.resolve("mnist.safetensors");
        model.outputProperty().set(output.toString());
        model.dataSpecProperty().set("fashion-mnist-bundled");
        model.meanProperty().set("0.1307");
        model.stdProperty().set("0.3081");
        model.startImport();
        assertEquals(List.of(), errors.messages);
        assertEquals(List.of(output + " with fashion-mnist-bundled"), opened);
        ModelCheckpoint checkpoint = ModelCheckpoint.read(output);
        assertEquals("import", checkpoint.provenance().command());
        assertEquals(0.1307, checkpoint.normalization().mean()[0], 1e-12);
        assertTrue(model.doneProperty().get());
        assertFalse(model.canImportProperty().get(), "done: not twice");
    }

    @Test
    void aFileThatCannotBeImportedSaysWhyAndNothingCanBeStarted() throws Exception {
        ImportSheetViewModel model = sheet("whole-model.pth");
        assertTrue(model.summaryProperty().get().contains("__main__.MnistNet"), model.summaryProperty().get());
        assertFalse(model.canImportProperty().get());
        assertFalse(model.runningProperty().get());
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void theDefaultModelFileSitsNextToTheSource() {
        assertEquals(Path.of("/data/r18.wfnet.safetensors"),
                ImportSheetViewModel.defaultOutput(Path.of("/data/r18.pth")));
    }
}
