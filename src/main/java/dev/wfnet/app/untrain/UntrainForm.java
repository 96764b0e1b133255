package dev.wfnet.app.untrain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.app.common.UserFolders;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.model.ParameterRole;
import dev.wfnet.model.ParameterSpec;
import dev.wfnet.settings.Setting;
import dev.wfnet.settings.SettingsBuilder;
import dev.wfnet.unlearn.LayerSelection;
import dev.wfnet.unlearn.UntrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings of one untraining round as the user edits them: a field for every setting of
 * {@link UntrainConfig#SETTINGS} (its label, range and message come from the setting), the classes
 * and layers as check lists of the open model's, the output bank file. It says what is wrong in
 * sentences and builds the config only when nothing is.
 */
public final class UntrainForm {
    private final List<FormField<?>> fields = UntrainConfig.SETTINGS.settings().stream()
            .filter(setting -> setting != UntrainConfig.CLASSES && setting != UntrainConfig.LAYERS)
            .<FormField<?>>map(FormField::new).toList();
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
        return field(UntrainConfig.SETTINGS.setting(key));
    }

    /** The field of a setting. */
    @SuppressWarnings("unchecked")
    public <T> FormField<T> field(Setting<T> setting) {
        return (FormField<T>) fields.stream().filter(field -> field.setting() == setting).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + setting));
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
        List<Integer> classIndices = allChecked(classes) ? List.of()
                : classes.stream().filter(CheckItem::isChecked).map(item -> Integer.valueOf(item.key())).toList();
        List<String> layerNames = allChecked(layers) ? List.of()
                : layers.stream().filter(CheckItem::isChecked).map(CheckItem::key).toList();
        SettingsBuilder<UntrainConfig> config = UntrainConfig.builder().set(UntrainConfig.CLASSES, classIndices)
                .set(UntrainConfig.LAYERS, layerNames);
        fields.forEach(field -> config.parse(field.setting(), field.textProperty().get()));
        return config.build();
    }

    public Path outputFile() {
        return Path.of(output.get().strip());
    }

    private static boolean allChecked(List<CheckItem> items) {
        return items.stream().allMatch(CheckItem::isChecked);
    }

    /** Everything typed and checked, for a session file: each setting's text by its key. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        fields.forEach(field -> json.addProperty(field.key(), field.textProperty().get()));
        json.add(UntrainConfig.CLASSES.key(), checkedKeys(classes));
        json.add(UntrainConfig.LAYERS.key(), checkedKeys(layers));
        json.addProperty("output", output.get());
        return json;
    }

    /**
     * Puts back what {@link #toJson()} kept; what is missing keeps its current value. Typed text
     * comes back as it was typed, wrong or not; a choice or a switch comes back as the setting
     * writes it (older sessions kept "COSINE", "FILTER").
     *
     * @throws dev.wfnet.settings.InvalidSettingException when a choice or a switch holds no value
     *     of its setting: the file was not written by the form
     */
    public void restore(JsonObject json) {
        for (FormField<?> field : fields) {
            if (json.has(field.key())) {
                restore(field, json.get(field.key()).getAsString());
            }
        }
        restoreChecks(classes, json.getAsJsonArray(UntrainConfig.CLASSES.key()));
        restoreChecks(layers, json.getAsJsonArray(UntrainConfig.LAYERS.key()));
        if (json.has("output")) {
            output.set(json.get("output").getAsString());
        }
    }

    private static <T> void restore(FormField<T> field, String text) {
        if (field.editedAsText()) {
            field.textProperty().set(text);
        } else {
            field.set(field.setting().parse(text));
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
