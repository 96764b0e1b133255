package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.jobs.Progress;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.BankCheckpoint;
import dev.wfnet.unlearn.MemoryEstimate;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.RoundReport;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet untrain}: one WF-Net untraining round. */
@Command(name = "untrain", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Train a WF-Net alpha bank that can forget any of the chosen classes of a model.")
final class UntrainCommand extends SettingsCommand<UntrainConfig> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Mixin
    DatasetOption data;

    @Option(names = {"-o", "--out"}, required = true, description = "The bank to write (.safetensors)")
    Path out;

    @Option(names = "--checkpoint", description = "Resumable checkpoint file (default: OUT with .checkpoint)")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from this checkpoint (same model and settings)")
    Path resume;

    UntrainCommand() {
        super(UntrainConfig.SETTINGS);
    }

    @Override
    void execute() throws WfnetException {
        UntrainConfig config = settings();
        Path checkpointFile = checkpoint != null ? checkpoint : UntrainingJob.checkpointFileFor(out);
        try (LoadedModel loaded = LoadedModel.open(model)) {
            DatasetSplits splits = data.loadFor(loaded);
            UntrainingJob job = new UntrainingJob(loaded, splits, config, checkpointFile);
            MemoryEstimate memory = job.memoryEstimate();
            err().printf(Locale.ROOT, "untraining %s: %d classes, %,d alphas (%s granularity), about %.0f MB%n", model,
                    job.layout().rows(), job.layout().alphaCount(), config.granularity().label(),
                    memory.totalBytes() / 1048576.0);
            BankCheckpoint resumeFrom = resume == null ? null : BankCheckpoint.read(resume);
            ProgressLine line = new ProgressLine(err(), UntrainingJob.STEP);
            List<String> names = loaded.checkpoint().classNames();
            UntrainCancel position = new UntrainCancel(config, resumeFrom == null ? 0 : resumeFrom.step(), resume,
                    checkpointFile, originalArguments(), progress -> {
                        if (progress.phase().equals(UntrainingJob.SNAPSHOT)) {
                            line.println(RoundReport.check(progress, names));
                        } else {
                            line.onProgress(progress);
                        }
                    });
            afterCancel = position::message;
            UntrainingJob.Result result = job.run(resumeFrom, position, cancel);
            result.bank().withoutOptimizerState().write(out);
            out().printf(Locale.ROOT, "wrote %s: %d steps, %.1f s of training (%.1f ms per step; %.1f s with "
                            + "checks and checkpoints: checks %.1f s, checkpoints %.1f s), peak memory %.0f MB; "
                            + "resumable checkpoint in %s%n", out,
                    result.bank().step(), result.trainingSeconds(), result.msPerStep(), result.seconds(),
                    result.checkSeconds(), result.checkpointSeconds(), result.peakResidentBytes() / 1048576.0,
                    checkpointFile);
            out().println(RoundReport.outcome(result, config, names));
            out().printf(Locale.ROOT, "the test split's report: wfnet forget %s %s --each --data %s%n", model, out,
                    data.spec);
        }
    }
}
