package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ArchitectureBenchmark;
import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wfnet bench}: training and inference speed of each architecture. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ms per training step, inference images per second and peak memory per architecture.")
final class BenchCommand extends DomainCommand {
    @Option(names = "--arch", split = ",", description = "Architectures to measure, comma-separated (default: the whole catalogue)")
    List<String> architectures = new ArrayList<>();

    @Option(names = "--input", defaultValue = "1x28x28", description = "Input shape CxHxW (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--batch", defaultValue = "128", description = "Training batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "20", description = "Timed training steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--images", defaultValue = "2000", description = "Inference images (default: ${DEFAULT-VALUE})")
    int images;

    @Override
    void execute() throws WfnetException {
        ImageShape shape = PretrainCommand.parseShape(input);
        List<String> ids = architectures.isEmpty() ? List.copyOf(ArchitectureCatalog.ids()) : architectures;
        out().printf(Locale.ROOT, "%s, %d threads, training batch %d, inference batch of %d%n%n", TorchRuntime.describe(),
                TorchRuntime.threads(), batch, dev.wfnet.model.Classifier.DEFAULT_BATCH);
        out().println("| architecture | input | parameters | ms / training step | inference images / s | peak RSS (MB) |");
        out().println("|---|---|---:|---:|---:|---:|");
        for (String id : ids) {
            cancel.throwIfCancelled();
            Architecture architecture = ArchitectureCatalog.create(ArchitectureSpec.of(id), shape, 10);
            ArchitectureBenchmark.Result result = ArchitectureBenchmark.run(architecture, batch, 3, steps, images);
            out().printf(Locale.ROOT, "| %s | %s | %,d | %.1f | %.0f | %.0f |%n", result.architecture(), result.input(),
                    result.parameters(), result.msPerTrainStep(), result.inferenceImagesPerSecond(),
                    result.peakResidentBytes() / 1048576.0);
            out().flush();
        }
    }
}
