package dev.wfnet.explain;

import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.eval.ConfusionMatrix;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import dev.wfnet.io.Provenance;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.LoadedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The analyses that hold a bank against the model's behaviour on test data: whether the bank's
 * class similarity follows the model's confusions ({@link ConfusionRelations}), and whether alpha
 * saliency points at the pixels the model uses ({@link SaliencyBenchmark}).
 *
 * @param dataset the test data's name
 * @param confusion the original model's confusion matrix on it
 * @param relations bank similarity against confusion similarity
 * @param saliency the insertion/deletion benchmark, absent when skipped
 * @param saliencySkipped why the benchmark was skipped, or empty
 */
public record ModelExplanation(String dataset, ConfusionMatrix confusion, ConfusionRelations relations,
                               Optional<SaliencyReport> saliency, String saliencySkipped) {

    /**
     * Runs both analyses. Saliency is skipped, with the reason recorded, for an architecture without
     * a convolutional layer or when {@code settings.images()} is 0.
     */
    public static ModelExplanation analyse(LoadedModel model, AlphaView bank, ClassSimilarity similarity,
                                           ImageDataset test, SaliencySettings settings, long seed,
                                           CancellationToken cancel) throws WfnetException {
        model.checkCompatible(test);
        ConfusionMatrix confusion = ConfusionMatrix.of(test, model.classifier().predict(test, cancel));
        ConfusionRelations relations = ConfusionRelations.compute(similarity, confusion,
                ConfusionRelations.DEFAULT_PERMUTATIONS, seed);
        if (settings.images() == 0) {
            return new ModelExplanation(test.name(), confusion, relations, Optional.empty(), "0 saliency images asked for");
        }
        if (!AlphaSaliency.supports(model.architecture())) {
            return new ModelExplanation(test.name(), confusion, relations, Optional.empty(), "architecture "
                    + model.architecture().spec().id() + " has no convolutional layer for saliency");
        }
        SaliencyReport saliency = SaliencyBenchmark.run(AlphaSaliency.of(model, bank), test, settings, cancel);
        return new ModelExplanation(test.name(), confusion, relations, Optional.of(saliency), "");
    }

    /** The files {@link #writeTo} writes (the saliency ones only when it ran). */
    public List<String> files() {
        List<String> files = new ArrayList<>(List.of("relations.json", "relations.csv", "confusion-matrix.csv"));
        if (saliency.isPresent()) {
            files.addAll(List.of("saliency-auc.json", "saliency-auc.csv", "saliency-auc-per-image.csv"));
        }
        return files;
    }

    public JsonObject relationsJson() {
        JsonObject json = relations.toJson();
        json.addProperty("dataset", dataset);
        json.add("confusion_matrix", confusion.toJson());
        return json;
    }

    /** Writes {@link #files()} into a directory, each atomically; the JSON files carry the run's provenance. */
    public void writeTo(Path directory, Provenance provenance) throws WfnetException {
        JsonObject relationsJson = relationsJson();
        relationsJson.add("provenance", provenance.toJson());
        AtomicFiles.writeString(directory.resolve("relations.json"), Json.pretty(relationsJson));
        AtomicFiles.writeString(directory.resolve("relations.csv"), relations.toCsv());
        AtomicFiles.writeString(directory.resolve("confusion-matrix.csv"), confusion.toCsv());
        if (saliency.isPresent()) {
            JsonObject json = saliency.get().toJson();
            json.addProperty("dataset", dataset);
            json.add("provenance", provenance.toJson());
            AtomicFiles.writeString(directory.resolve("saliency-auc.json"), Json.pretty(json));
            AtomicFiles.writeString(directory.resolve("saliency-auc.csv"), saliency.get().toCsv());
            AtomicFiles.writeString(directory.resolve("saliency-auc-per-image.csv"), saliency.get().imagesCsv());
        }
    }
}
