package dev.wfnet.app.untrain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.app.common.UserFolders;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.model.ParameterRole;
import dev.wfnet.model.ParameterSpec;
import dev.wfnet.unlearn.Granularity;
import dev.wfnet.unlearn.RetainTarget;
import dev.wfnet.unlearn.LayerSelection;
import dev.wfnet.unlearn.UntrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings of one untraining round as the user edits them: every field of
 * {@link UntrainConfig}, the classes and layers as check lists, the output bank file. It says what
 * is wrong in sentences and builds the config only when nothing is.
 */
public final class UntrainForm {
    /** The learning-rate schedule, a choice rather than a check box so the form names both. */
    public enum Schedule {
        CONSTANT, COSINE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String RUN = "Run";
    private static final String OBJECTIVE = "Objective";
    private static final UntrainConfig DEFAULTS = UntrainConfig.defaults();

    private final FormField<Integer> steps = new FormField<>("steps", "Steps", RUN, "Optimiser steps in the round",
            FormField.Kind.WHOLE, "of at least 1", v -> v >= 1, DEFAULTS.steps());
    private final FormField<Integer> batchSize = new FormField<>("B", "Batch size", RUN,
            "B: B/2 forget and B/2 retain samples per step", FormField.Kind.WHOLE, "that is even and at least 2",
            v -> v >= 2 && v % 2 == 0, DEFAULTS.batchSize());
    private final FormField<Double> learningRate = new FormField<>("lr", "Learning rate", RUN,
            "Adam's learning rate on the alphas", FormField.Kind.REAL, "above 0", v -> v > 0,
            DEFAULTS.learningRate());
    private final FormField<Long> seed = new FormField<>("seed", "Seed", RUN,
            "Seeds sampling; a resumed run repeats an uninterrupted one", FormField.Kind.LONG, "", v -> true,
            DEFAULTS.seed());
    private final FormField<Integer> snapshotEvery = new FormField<>("snapshot_every", "Snapshot every", RUN,
            "Steps between per-class ACC_f / ACC_r snapshots (0: none)", FormField.Kind.WHOLE, "of at least 0",
            v -> v >= 0, DEFAULTS.snapshotEvery());
    private final FormField<Integer> checkpointEvery = new FormField<>("checkpoint_every", "Checkpoint every", RUN,
            "Steps between resumable checkpoints (0: only at the end)", FormField.Kind.WHOLE, "of at least 0",
            v -> v >= 0, DEFAULTS.checkpointEvery());
    private final FormField<Integer> validationPerClass = new FormField<>("validation_per_class",
            "Snapshot images", RUN, "Held-out test images per class for the snapshots",
            FormField.Kind.WHOLE, "of at least 1", v -> v >= 1, DEFAULTS.validationPerClass());
    private final FormField<Double> retainWeight = new FormField<>("l0", "Retain weight (l0)", OBJECTIVE,
            "Weight of the retain cross-entropy", FormField.Kind.REAL, "of at least 0", v -> v >= 0,
            DEFAULTS.retainWeight());
    private final FormField<Double> forgetWeight = new FormField<>("l1", "Forget weight (l1)", OBJECTIVE,
            "Weight of the inverse forget cross-entropy", FormField.Kind.REAL, "of at least 0", v -> v >= 0,
            DEFAULTS.forgetWeight());
    private final FormField<Double> sparsityWeight = new FormField<>("l2", "Sparsity weight (l2)", OBJECTIVE,
            "Weight of mean(1 - alpha)", FormField.Kind.REAL, "of at least 0", v -> v >= 0,
            DEFAULTS.sparsityWeight());
    private final FormField<Double> epsilon = new FormField<>("eps", "eps", OBJECTIVE, "eps in 1 / (CE + eps)",
            FormField.Kind.REAL, "above 0", v -> v > 0, DEFAULTS.epsilon());
    private final FormField<Integer> copies = new FormField<>("T", "Label expansion (T)", OBJECTIVE,
            "Random rows each retain sample is paired with", FormField.Kind.WHOLE, "of at least 1", v -> v >= 1,
            DEFAULTS.copies());
    private final List<FormField<?>> fields = List.of(steps, batchSize, learningRate, seed, snapshotEvery,
            checkpointEvery, validationPerClass, retainWeight, forgetWeight, sparsityWeight, epsilon, copies);

    private final ObjectProperty<Schedule> schedule = new SimpleObjectProperty<>(this, "schedule",
            Schedule.CONSTANT);
    private final ObjectProperty<Granularity> granularity = new SimpleObjectProperty<>(this, "granularity",
            DEFAULTS.granularity());
    private final ObjectProperty<RetainTarget> retainTarget = new SimpleObjectProperty<>(this, "retainTarget",
            DEFAULTS.retainTarget());
    private final BooleanProperty biases = new SimpleBooleanProperty(this, "biases");
    private final BooleanProperty norms = new SimpleBooleanProperty(this, "norms");
    private final ObservableList<CheckItem> classes = FXCollections.observableArrayList();
    private final ObservableList<CheckItem> layers = FXCollections.observableArrayList();
    private final StringProperty output = new SimpleStringProperty(this, "output", "");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper(this, "problems", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private String proposedOutput = "";

    public UntrainForm() {
        fields.forEach(field -> field.textProperty().addListener(this::revalidate));
        output.addListener(this::revalidate);
        revalidate(null);
    }

    public List<FormField<?>> fields() {
        return fields;
    }

    /** A field by its key ("steps", "lr", "l0" ...). */
    public FormField<?> field(String key) {
        return fields.stream().filter(field -> field.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + key));
    }

    public ObjectProperty<Schedule> scheduleProperty() {
        return schedule;
    }

    public ObjectProperty<Granularity> granularityProperty() {
        return granularity;
    }

    public ObjectProperty<RetainTarget> retainTargetProperty() {
        return retainTarget;
    }

    public BooleanProperty biasesProperty() {
        return biases;
    }

    public BooleanProperty normsProperty() {
        return norms;
    }

    /** The model's classes, all checked at first: the bank can forget the checked ones. */
    public ObservableList<CheckItem> classes() {
        return classes;
    }

    /** The model's layers with a weight tensor, all checked at first (the default selection). */
    public ObservableList<CheckItem> layers() {
        return layers;
    }

    /** The bank file a finished run writes; its checkpoint goes beside it. */
    public StringProperty outputProperty() {
        return output;
    }

    /** Every problem, one per line; empty when the form is valid. */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Lists the classes and layers of a newly opened model and proposes a bank file beside it. */
    public void showModel(Workspace workspace) {
        List<String> names = workspace == null ? List.of() : workspace.classNames();
        List<CheckItem> classItems = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            classItems.add(CheckItem.of(Integer.toString(c), c + "  " + names.get(c)));
        }
        List<CheckItem> layerItems = new ArrayList<>();
        if (workspace != null) {
            for (ParameterSpec spec : workspace.model().architecture().parameters()) {
                if (spec.role() == ParameterRole.WEIGHT) {
                    layerItems.add(CheckItem.of(layerOf(spec.name()),
                            layerOf(spec.name()) + "  " + dev.wfnet.io.HostTensor.shapeText(spec.shape())));
                }
            }
        }
        classItems.forEach(item -> item.checked().addListener(this::revalidate));
        layerItems.forEach(item -> item.checked().addListener(this::revalidate));
        classes.setAll(classItems);
        layers.setAll(layerItems);
        // only replace a proposal of ours: a path the user typed stays
        if (workspace != null && (output.get().isBlank() || output.get().equals(proposedOutput))) {
            proposedOutput = proposeOutput(workspace.modelFile()).toString();
            output.set(proposedOutput);
        }
        revalidate(null);
    }

    /** The parameter-name prefix {@link LayerSelection} matches: the weight's name without ".weight". */
    private static String layerOf(String parameterName) {
        return parameterName.endsWith(".weight") ? parameterName.substring(0, parameterName.length() - 7)
                : parameterName;
    }

    /**
     * {@code <model>-bank.safetensors} beside the model (in the home folder when the model's folder
     * is read-only, as an installed sample's is), numbered so that no existing bank is overwritten.
     */
    static Path proposeOutput(Path modelFile) {
        Path folder = UserFolders.writableOrHome(modelFile.toAbsolutePath().getParent());
        String base = modelFile.getFileName().toString().replaceAll("\\.safetensors$", "") + "-bank";
        Path candidate = folder.resolve(base + ".safetensors");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = folder.resolve(base + "-" + n + ".safetensors");
        }
        return candidate;
    }

    private void revalidate(Observable changed) {
        List<String> found = new ArrayList<>();
        for (FormField<?> field : fields) {
            String problem = field.problem();
            if (problem != null) {
                found.add(problem);
            }
        }
        if (!classes.isEmpty() && classes.stream().noneMatch(CheckItem::isChecked)) {
            found.add("Check at least one class to forget");
        }
        if (!layers.isEmpty() && layers.stream().noneMatch(CheckItem::isChecked)) {
            found.add("Check at least one layer to filter");
        }
        if (!output.get().strip().endsWith(".safetensors")) {
            found.add("The output bank must be a .safetensors file");
        }
        problems.set(String.join("\n", found));
        valid.set(found.isEmpty());
    }

    /** The config the form describes; call only when it is valid. */
    public UntrainConfig toConfig() {
        if (!valid.get()) {
            throw new IllegalStateException("the form is not valid: " + problems.get());
        }
        int[] classIndices = allChecked(classes) ? new int[0]
                : classes.stream().filter(CheckItem::isChecked).mapToInt(item -> Integer.parseInt(item.key()))
                .toArray();
        List<String> layerNames = allChecked(layers) ? List.of()
                : layers.stream().filter(CheckItem::isChecked).map(CheckItem::key).toList();
        return new UntrainConfig(classIndices, granularity.get(), new LayerSelection(biases.get(), norms.get(),
                layerNames), retainWeight.value(), forgetWeight.value(), sparsityWeight.value(), epsilon.value(),
                copies.value(), batchSize.value(), learningRate.value(), schedule.get() == Schedule.COSINE,
                steps.value(), seed.value(), snapshotEvery.value(), checkpointEvery.value(),
                validationPerClass.value(), retainTarget.get());
    }

    public Path outputFile() {
        return Path.of(output.get().strip());
    }

    private static boolean allChecked(List<CheckItem> items) {
        return items.stream().allMatch(CheckItem::isChecked);
    }

    /** Everything typed and checked, for a session file. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        fields.forEach(field -> json.addProperty(field.key(), field.textProperty().get()));
        json.addProperty("schedule", schedule.get().name());
        json.addProperty("granularity", granularity.get().name());
        json.addProperty("retain_target", retainTarget.get().name());
        json.addProperty("biases", biases.get());
        json.addProperty("norms", norms.get());
        json.add("classes", checkedKeys(classes));
        json.add("layers", checkedKeys(layers));
        json.addProperty("output", output.get());
        return json;
    }

    /** Puts back what {@link #toJson()} kept; what is missing keeps its current value. */
    public void restore(JsonObject json) {
        fields.stream().filter(field -> json.has(field.key()))
                .forEach(field -> field.textProperty().set(json.get(field.key()).getAsString()));
        if (json.has("schedule")) {
            schedule.set(Schedule.valueOf(json.get("schedule").getAsString()));
        }
        if (json.has("granularity")) {
            granularity.set(Granularity.valueOf(json.get("granularity").getAsString()));
        }
        if (json.has("retain_target")) {
            retainTarget.set(RetainTarget.valueOf(json.get("retain_target").getAsString()));
        }
        if (json.has("biases")) {
            biases.set(json.get("biases").getAsBoolean());
        }
        if (json.has("norms")) {
            norms.set(json.get("norms").getAsBoolean());
        }
        restoreChecks(classes, json.getAsJsonArray("classes"));
        restoreChecks(layers, json.getAsJsonArray("layers"));
        if (json.has("output")) {
            output.set(json.get("output").getAsString());
        }
    }

    private static JsonArray checkedKeys(List<CheckItem> items) {
        JsonArray keys = new JsonArray();
        items.stream().filter(CheckItem::isChecked).forEach(item -> keys.add(item.key()));
        return keys;
    }

    private static void restoreChecks(List<CheckItem> items, JsonArray keys) {
        if (keys == null) {
            return;
        }
        Set<String> chosen = new HashSet<>();
        keys.forEach(key -> chosen.add(key.getAsString()));
        items.forEach(item -> item.checked().set(chosen.contains(item.key())));
    }
}
