package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageConversion;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.model.LoadedModel;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet predict}: classifies image files. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify image files (PNG, JPEG) with a model; prints the top-k classes and probabilities.")
final class PredictCommand extends DomainCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Image files")
    List<Path> images;

    @Option(names = "--top", defaultValue = "3", description = "How many classes to show (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    void execute() throws WfnetException {
        if (top < 1) {
            throw new WfnetException("--top must be at least 1, not " + top);
        }
        try (LoadedModel loaded = LoadedModel.open(model)) {
            ImageShape shape = loaded.architecture().inputShape();
            byte[] pixels = new byte[images.size() * shape.pixelCount()];
            for (int i = 0; i < images.size(); i++) {
                ImageConversion.toPixels(ImageConversion.read(images.get(i)), shape, pixels, i * shape.pixelCount());
            }
            ImageDataset batch = new ImageDataset("images", shape, pixels, new int[images.size()],
                    loaded.checkpoint().classNames());
            float[][] probabilities = loaded.classifier().probabilities(batch, cancel);
            List<String> names = loaded.checkpoint().classNames();
            for (int i = 0; i < images.size(); i++) {
                float[] p = probabilities[i];
                out().print(images.get(i));
                IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble(c -> -p[c]))
                        .limit(top)
                        .forEach(c -> out().printf(Locale.ROOT, "\t%s %.4f", names.get(c), p[c]));
                out().println();
            }
        }
    }
}
