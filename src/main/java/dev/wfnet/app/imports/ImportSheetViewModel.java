package dev.wfnet.app.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.data.DatasetSpec;
import dev.wfnet.data.ImageShape;
import dev.wfnet.imports.ArchitectureGuess;
import dev.wfnet.imports.ImportPlan;
import dev.wfnet.imports.ImportSettings;
import dev.wfnet.imports.ImportVerifier;
import dev.wfnet.imports.ImportedModel;
import dev.wfnet.imports.InputPreprocessing;
import dev.wfnet.imports.ModelImporter;
import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.SequentialLayers;
import dev.wfnet.model.SequentialNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The import sheet's state: a foreign file is inspected in the background, the architecture,
 * input, classes and normalisation it suggests fill the fields, the user corrects them (every
 * field validated, a bad value named and Import disabled, as in the Untrain form), and Import runs
 * {@link ModelImporter} as a background job, writes the model and hands it to the window to open.
 */
public final class ImportSheetViewModel {
    private final Path source;
    private final JobRunner runner;
    private final ErrorReporter errors;
    private final BiConsumer<Path, String> open;

    private final ReadOnlyObjectWrapper<ImportPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Reading the file...");
    private final StringProperty architecture = new SimpleStringProperty(this, "architecture", "");
    private final StringProperty arguments = new SimpleStringProperty(this, "arguments", "");
    private final StringProperty layers = new SimpleStringProperty(this, "layers", "");
    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final StringProperty classes = new SimpleStringProperty(this, "classes", "");
    private final StringProperty mean = new SimpleStringProperty(this, "mean", "");
    private final StringProperty std = new SimpleStringProperty(this, "std", "");
    private final BooleanProperty rawPixels = new SimpleBooleanProperty(this, "rawPixels");
    private final StringProperty dataSpec = new SimpleStringProperty(this, "dataSpec", "");
    private final StringProperty output = new SimpleStringProperty(this, "output", "");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper(this, "problems", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", true);
    private final ReadOnlyBooleanWrapper canImport = new ReadOnlyBooleanWrapper(this, "canImport");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");

    /**
     * @param openDataSpec the dataset the window has open, proposed for the imported model
     * @param open opens a written model with a dataset spec in the window
     */
    public ImportSheetViewModel(Path source, String openDataSpec, JobRunner runner, ErrorReporter errors,
                                BiConsumer<Path, String> open) {
        this.source = source;
        this.runner = runner;
        this.errors = errors;
        this.open = open;
        this.dataSpec.set(openDataSpec);
        output.set(defaultOutput(source).toString());
        Observable[] fields = {architecture, arguments, layers, input, classes, mean, std, dataSpec, output,
                running, done};
        for (Observable field : fields) {
            field.addListener(o -> validate());
        }
    }

    /** Reads the file in the background and fills the fields from what its weights suggest. */
    public void inspect() {
        runner.start("Reading " + source.getFileName(), (progress, cancel) -> ModelImporter.inspect(source),
                JobCallbacks.<ImportPlan>of(this::fill, failure -> {
                    running.set(false);
                    summary.set("This file cannot be imported: " + dev.wfnet.app.common.Dialogs.message(failure));
                    validate();
                }));
    }

    void fill(ImportPlan inspected) {
        plan.set(inspected);
        StringBuilder text = new StringBuilder(inspected.formatDescription()).append(", ").append(inspected.tensors())
                .append(" tensors (").append(String.join("; ", inspected.steps())).append(").");
        inspected.guess().candidate().ifPresentOrElse(candidate -> {
            Map<String, String> rest = new LinkedHashMap<>(candidate.spec().arguments());
            String layerText = rest.remove("layers");
            architecture.set(candidate.spec().id());
            arguments.set(rest.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
            layers.set(layerText == null ? "" : String.join(",\n", layerText.split("; ")));
            input.set(candidate.input().toString());
            classes.set(java.util.stream.IntStream.range(0, candidate.classes()).mapToObj(Integer::toString)
                    .collect(Collectors.joining(", ")));
            text.append(inspected.stated() ? " The file states its architecture: " : " The weights suggest ")
                    .append(candidate.spec().id()).append(candidate.certain() ? "."
                    : "; check: " + String.join("; ", candidate.assumptions()) + ".");
        }, () -> text.append(" The architecture cannot be told from the weights (").append(inspected.guess().failure())
                .append("): choose it."));
        summary.set(text.toString());
        running.set(false);
        validate();
    }

    /** Imports with the fields' settings in the background; on success writes the model and opens it. */
    public void startImport() {
        validate();
        if (!canImport.get()) {
            return;
        }
        ImportSettings settings;
        Path target = Path.of(output.get().strip());
        try {
            settings = settings();
        } catch (WfnetException e) {
            errors.report("Importing " + source.getFileName(), e);
            return;
        }
        String spec = dataSpec.get().strip();
        running.set(true);
        runner.start("Importing " + source.getFileName(), (progress, cancel) -> {
            ImportedModel imported = ModelImporter.run(source, settings);
            imported.checkpoint().write(target);
            return imported;
        }, JobCallbacks.<ImportedModel>of(imported -> {
            running.set(false);
            done.set(true);
            summary.set("Imported: " + imported.report().verification().summary() + ". Opening " + target.getFileName()
                    + ".");
            open.accept(target, spec);
        }, failure -> {
            running.set(false);
            errors.report("Importing " + source.getFileName(), failure);
        }));
    }

    /** The settings the fields describe; the user's confirmation of a guess is the sheet itself. */
    ImportSettings settings() throws WfnetException {
        Map<String, String> args = parseArguments();
        if (architecture.get().strip().equals(SequentialNetwork.ID)) {
            args.put("layers", layers.get());
        }
        List<String> names = Arrays.stream(classes.get().split(",")).map(String::strip).toList();
        return new ImportSettings(ArchitectureSpec.of(architecture.get().strip(), args), shape(input.get()), names,
                new InputPreprocessing(numbers(mean.get(), "Mean"), numbers(std.get(), "Std"), rawPixels.get()), null,
                null, null, true,
                ImportVerifier.DEFAULT_TOLERANCE);
    }

    private void validate() {
        List<String> found = new ArrayList<>();
        if (plan.get() == null) {
            canImport.set(false);
            problems.set("");
            return;
        }
        String id = architecture.get().strip();
        if (!ArchitectureCatalog.ids().contains(id)) {
            found.add("Architecture must be one of " + String.join(", ", ArchitectureCatalog.ids()));
        }
        try {
            parseArguments();
        } catch (WfnetException e) {
            found.add(e.getMessage());
        }
        if (id.equals(SequentialNetwork.ID)) {
            try {
                SequentialLayers.parse(layers.get());
            } catch (IllegalArgumentException e) {
                found.add("Layers: " + e.getMessage());
            }
        }
        ImageShape shape = null;
        try {
            shape = shape(input.get());
        } catch (WfnetException e) {
            found.add(e.getMessage());
        }
        List<String> names = Arrays.stream(classes.get().split(",")).map(String::strip).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            found.add("Classes must be names separated by commas, none empty");
        } else if (plan.get().guess().candidate().map(ArchitectureGuess.Candidate::classes)
                .filter(count -> count != names.size()).isPresent()) {
            found.add("Classes: the model has " + plan.get().guess().candidate().get().classes() + " outputs, "
                    + names.size() + " names are given");
        }
        for (StringProperty values : List.of(mean, std)) {
            String label = values == mean ? "Mean" : "Std";
            try {
                double[] parsed = numbers(values.get(), label);
                if (parsed != null && shape != null && parsed.length != 1 && parsed.length != shape.channels()) {
                    found.add(label + " needs one value or one per channel (" + shape.channels() + ")");
                }
                if (parsed != null && values == std && Arrays.stream(parsed).anyMatch(v -> !(v > 0))) {
                    found.add("Std must be positive");
                }
            } catch (WfnetException e) {
                found.add(e.getMessage());
            }
        }
        try {
            DatasetSpec.parse(dataSpec.get().strip());
        } catch (WfnetException | RuntimeException e) {
            found.add("Dataset: " + e.getMessage());
        }
        String target = output.get().strip();
        if (!target.endsWith(".safetensors")) {
            found.add("The model file must end in .safetensors");
        } else if (Path.of(target).toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize())) {
            found.add("The model file must not be the source file");
        }
        problems.set(String.join("\n", found));
        canImport.set(found.isEmpty() && !running.get() && !done.get());
    }

    private Map<String, String> parseArguments() throws WfnetException {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String part : arguments.get().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new WfnetException("Arguments must be key=value pairs separated by commas, not '" + part.strip()
                        + "'");
            }
            parsed.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
        }
        return parsed;
    }

    private static ImageShape shape(String text) throws WfnetException {
        try {
            return ImageShape.parse(text);
        } catch (IllegalArgumentException e) {
            throw new WfnetException("Input: " + e.getMessage(), e);
        }
    }

    /** Comma-separated numbers, or null for none (the architecture's default). */
    private static double[] numbers(String text, String label) throws WfnetException {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Arrays.stream(text.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new WfnetException(label + " must be numbers separated by commas, not '" + text.strip() + "'");
        }
    }

    /** Next to the source: {@code resnet18.pth} becomes {@code resnet18.wfnet.safetensors}. */
    static Path defaultOutput(Path source) {
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return source.toAbsolutePath().resolveSibling(stem + ".wfnet.safetensors");
    }

    public Path source() {
        return source;
    }

    public ReadOnlyObjectProperty<ImportPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public StringProperty architectureProperty() {
        return architecture;
    }

    public StringProperty argumentsProperty() {
        return arguments;
    }

    public StringProperty layersProperty() {
        return layers;
    }

    public StringProperty inputProperty() {
        return input;
    }

    public StringProperty classesProperty() {
        return classes;
    }

    public StringProperty meanProperty() {
        return mean;
    }

    public StringProperty stdProperty() {
        return std;
    }

    public BooleanProperty rawPixelsProperty() {
        return rawPixels;
    }

    public StringProperty dataSpecProperty() {
        return dataSpec;
    }

    public StringProperty outputProperty() {
        return output;
    }

    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canImportProperty() {
        return canImport.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }
}
