package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetCatalog;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.TrainingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wfnet pretrain}: trains a base model from scratch and writes its checkpoint. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Train a catalogue architecture on a dataset and write a .safetensors checkpoint.")
final class PretrainCommand extends SettingsCommand<TrainingConfig> {
    @Option(names = "--arch", required = true, description = "Architecture id: ${COMPLETION-CANDIDATES}",
            completionCandidates = ArchitectureIds.class)
    String architecture;

    @Option(names = "--arch-arg", description = "Architecture argument key=value (repeatable), e.g. depth=32 "
            + "(default: the architecture's own)")
    Map<String, String> architectureArguments = new LinkedHashMap<>();

    @Mixin
    DatasetOption data;

    @Option(names = "--input", description = "Input shape CxHxW that folder: images are converted to, e.g. "
            + "3x32x32 (default: none; folder datasets need it, the other kinds have a shape of their own)")
    String input;

    @Option(names = "--train-limit",
            description = "Use only the first N training images, for quick runs (default: every image)")
    Integer trainLimit;

    @Option(names = {"-o", "--out"}, required = true, description = "The checkpoint to write (.safetensors)")
    Path out;

    PretrainCommand() {
        super(TrainingConfig.SETTINGS);
    }

    @Override
    void execute() throws WfnetException {
        TrainingConfig config = settings();
        if (trainLimit != null && trainLimit < 1) {
            throw new WfnetException("--train-limit must be a positive number of images, not " + trainLimit);
        }
        DatasetSplits splits = DatasetCatalog.load(data.spec, input == null ? null : parseShape(input));
        if (trainLimit != null && trainLimit < splits.train().size()) {
            ImageDataset limited = splits.train().subset(splits.train().name() + "[:" + trainLimit + "]",
                    IntStream.range(0, trainLimit).toArray());
            splits = new DatasetSplits(limited, splits.test());
        }
        Architecture built = ArchitectureCatalog.create(ArchitectureSpec.of(architecture, architectureArguments),
                splits.train().shape(), splits.train().classCount());
        err().printf(Locale.ROOT, "training %s (%,d parameters) on %s, testing on %s%n", built.spec(),
                built.parameterCount(), splits.train(), splits.test());
        BaseModelTrainer.Result result = BaseModelTrainer.train(built, splits, Normalization.suitedTo(splits.train()),
                config, new ProgressLine(err(), "train"), cancel);
        result.checkpoint().write(out);
        double last = result.testAccuracyByEpoch().get(result.testAccuracyByEpoch().size() - 1);
        out().printf(Locale.ROOT, "wrote %s: test accuracy %.2f%% after %d epochs, %.0f s of training%n", out,
                100 * last, config.epochs(), result.seconds());
    }

    static ImageShape parseShape(String text) throws WfnetException {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                return new ImageShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new WfnetException("input shape '" + text + "' is not CxHxW with positive integers, e.g. 3x32x32");
    }

    /** The catalogue's ids, for the help text. */
    static final class ArchitectureIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ArchitectureCatalog.ids().iterator();
        }
    }
}
