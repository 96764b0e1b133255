package dev.wfnet.eval.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.io.Json;
import dev.wfnet.model.LoadedModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a comparison ran on, for the report's header: the model, its classes and recipe, the data
 * and the WF-Net bank.
 *
 * @param modelSha256 the SHA-256 of the model file
 * @param architecture the architecture and its arguments
 * @param classNames the model's classes
 * @param baseTraining the base model's training settings from its provenance (Retrain repeats them)
 * @param trainData the training split's name and size
 * @param testData the test split's name and size
 * @param dataHashes SHA-256 of each split's labels and pixels
 * @param sameDataAsBase whether the training split is the one the base model was trained on (by hash);
 *     if not, Retrain is not a like-for-like gold standard
 * @param bankName the bank's file name, empty without a bank
 * @param bankSha256 the bank file's SHA-256
 * @param bankTrainingSeconds what the untraining round cost, once for all its classes
 * @param bankClasses how many classes the bank can forget
 */
public record ReportContext(String modelSha256, String architecture, List<String> classNames,
                            Map<String, String> baseTraining, String trainData, String testData,
                            Map<String, String> dataHashes, boolean sameDataAsBase, Optional<String> bankName,
                            String bankSha256, double bankTrainingSeconds, int bankClasses) {

    public ReportContext {
        classNames = List.copyOf(classNames);
        baseTraining = Map.copyOf(baseTraining);
        dataHashes = Map.copyOf(dataHashes);
    }

    static ReportContext of(LoadedModel model, WfnetBank bank, DatasetSplits data, Map<String, String> dataHashes) {
        var provenance = model.checkpoint().provenance();
        boolean same = provenance.inputs().values().contains(dataHashes.get("train_data_sha256"));
        return new ReportContext(model.sha256(), model.architecture().spec().toString(),
                model.checkpoint().classNames(), provenance.configuration(), data.train().name() + " ("
                + data.train().size() + " images)", data.test().name() + " (" + data.test().size() + " images)",
                dataHashes, same, Optional.ofNullable(bank).map(WfnetBank::name),
                bank == null ? "" : bank.sha256(), bank == null ? Double.NaN : bank.trainingSeconds(),
                bank == null ? 0 : bank.classes().length);
    }

    public int classCount() {
        return classNames.size();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("model_sha256", modelSha256);
        json.addProperty("architecture", architecture);
        JsonArray names = new JsonArray();
        classNames.forEach(names::add);
        json.add("class_names", names);
        json.add("base_model_training", Json.sortedObject(baseTraining));
        json.addProperty("train_data", trainData);
        json.addProperty("test_data", testData);
        json.add("data_sha256", Json.sortedObject(dataHashes));
        json.addProperty("same_training_data_as_base_model", sameDataAsBase);
        bankName.ifPresent(name -> {
            JsonObject wfnet = new JsonObject();
            wfnet.addProperty("file", name);
            wfnet.addProperty("sha256", bankSha256);
            wfnet.addProperty("training_seconds_all_classes", bankTrainingSeconds);
            wfnet.addProperty("classes", bankClasses);
            json.add("wfnet_bank", wfnet);
        });
        return json;
    }
}
