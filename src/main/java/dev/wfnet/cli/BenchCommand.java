package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ArchitectureBenchmark;
import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.Classifier;
import dev.wfnet.model.ConvolutionPath;
import dev.wfnet.model.MemoryLayout;
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

    @Option(names = "--inference-batches", split = ",",
            description = "Also compare inference in both memory layouts (NCHW, channels-last) at these batch sizes,"
                    + " comma-separated, e.g. 100,250,500,1000 (default: no comparison)")
    List<Integer> inferenceBatches = new ArrayList<>();

    @Option(names = "--rounds", defaultValue = "3",
            description = "Rounds of the inference comparison; the best counts (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    void execute() throws WfnetException {
        if (inferenceBatches.stream().anyMatch(b -> b < 1) || rounds < 1) {
            throw new WfnetException("--inference-batches and --rounds take whole numbers of at least 1");
        }
        ImageShape shape = PretrainCommand.parseShape(input);
        List<String> ids = architectures.isEmpty() ? List.copyOf(ArchitectureCatalog.ids()) : architectures;
        out().printf(Locale.ROOT, "%s, %d threads, training batch %d, inference batch of %d%n%n", TorchRuntime.describe(),
                TorchRuntime.threads(), batch, Classifier.DEFAULT_BATCH);
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
        out().printf(Locale.ROOT, "%nconvolution kernel, NCHW input: %s; channels-last input: %s%n",
                ConvolutionPath.describe(ConvolutionPath.of(Classifier.DEFAULT_BATCH, 32, 14, 64, MemoryLayout.CONTIGUOUS)),
                ConvolutionPath.describe(ConvolutionPath.of(Classifier.DEFAULT_BATCH, 32, 14, 64, MemoryLayout.CHANNELS_LAST)));
        if (inferenceBatches.isEmpty()) {
            return;
        }
        out().printf(Locale.ROOT, "%ninference images / s on %,d images, best of %d rounds (the workbench uses %s, batch %d)%n%n",
                images, rounds, MemoryLayout.CHANNELS_LAST, Classifier.DEFAULT_BATCH);
        out().println("| architecture | memory layout | " + String.join(" | ",
                inferenceBatches.stream().map(b -> "batch " + b).toList()) + " |");
        out().println("|---|---|" + "---:|".repeat(inferenceBatches.size()));
        for (String id : ids) {
            cancel.throwIfCancelled();
            Architecture architecture = ArchitectureCatalog.create(ArchitectureSpec.of(id), shape, 10);
            List<ArchitectureBenchmark.InferenceFigure> figures = ArchitectureBenchmark.inference(architecture, images,
                    List.of(MemoryLayout.CONTIGUOUS, MemoryLayout.CHANNELS_LAST), inferenceBatches, rounds);
            for (MemoryLayout layout : List.of(MemoryLayout.CONTIGUOUS, MemoryLayout.CHANNELS_LAST)) {
                out().printf(Locale.ROOT, "| %s | %s | %s |%n", architecture.spec(), layout, String.join(" | ",
                        figures.stream().filter(f -> f.layout() == layout)
                                .map(f -> String.format(Locale.ROOT, "%.0f", f.imagesPerSecond())).toList()));
            }
            out().flush();
        }
    }
}
