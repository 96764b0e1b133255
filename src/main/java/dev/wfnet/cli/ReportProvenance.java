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
 * The provenance of a report a command writes ({@code evaluation.json}, {@code forget.json},
 * explain's {@code provenance.json}): the record models and banks carry, so that a report names the
 * workbench version and engine that made it, the SHA-256 of every input and every setting. Made
 * when the command starts, so its start time and duration are the command's.
 */
final class ReportProvenance {
    private final String command;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<String, String> configuration = new LinkedHashMap<>();
    private long seed;

    ReportProvenance(String command) {
        this.command = command;
    }

    ReportProvenance model(LoadedModel model) {
        inputs.put("model", model.sha256());
        return this;
    }

    ReportProvenance file(String name, Path file) throws WfnetException {
        inputs.put(name, Hashing.sha256(file));
        return this;
    }

    /** The labels and pixels of a dataset split, under "split:name" as models record theirs. */
    ReportProvenance dataset(String split, ImageDataset data) {
        inputs.put(split + ":" + data.name(), BaseModelTrainer.datasetHash(data));
        return this;
    }

    ReportProvenance setting(String key, Object value) {
        configuration.put(key, String.valueOf(value));
        return this;
    }

    ReportProvenance seed(long value) {
        seed = value;
        return this;
    }

    /** The record, timed from this object's creation to now. */
    Provenance finish() {
        return new Provenance(command, inputs, seed, configuration, Provenance.runtimeVersions(TorchRuntime.describe()),
                started, (System.nanoTime() - startNanos) / 1e9);
    }
}
