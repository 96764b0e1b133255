package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.Provenance;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance a command's JSON reports carry: the SHA-256 of what it read (model file, bank
 * file, the images and labels of the data split), its settings, the versions, when it started and,
 * at each {@link #at} call, how long it had run.
 */
final class ReportProvenance {
    private final String command;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Map<String, String> inputs = new LinkedHashMap<>();

    ReportProvenance(String command) {
        this.command = command;
    }

    ReportProvenance model(LoadedModel model) {
        inputs.put("model", model.sha256());
        return this;
    }

    ReportProvenance bank(Path bank) throws WfnetException {
        inputs.put("bank", Hashing.sha256(bank));
        return this;
    }

    /** A data split, named as untraining and pretraining name theirs ({@code test:fashion-mnist/test}). */
    ReportProvenance data(String split, ImageDataset images) {
        inputs.put(split + ":" + images.name(), BaseModelTrainer.datasetHash(images));
        return this;
    }

    /**
     * The provenance as of now.
     *
     * @param seed the run's seed; 0 for a command that draws no random numbers
     */
    Provenance at(long seed, Map<String, String> configuration) {
        return new Provenance(command, inputs, seed, configuration,
                Provenance.runtimeVersions(TorchRuntime.describe()), started, (System.nanoTime() - startNanos) / 1e9);
    }
}
