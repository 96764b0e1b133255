package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetCatalog;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.model.LoadedModel;
import picocli.CommandLine.Option;

/** The {@code --data} option of every command that reads a dataset, defined once ({@code @Mixin}). */
final class DatasetOption {
    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "SPEC",
            description = "Dataset spec (default: ${DEFAULT-VALUE}, the system's full Fashion-MNIST if installed, else "
                    + "the bundled subset); every form is listed under Dataset specs below")
    String spec;

    /** The dataset, its images converted to the model's input shape where the format needs one. */
    DatasetSplits loadFor(LoadedModel model) throws WfnetException {
        return DatasetCatalog.load(spec, model.architecture().inputShape());
    }
}
