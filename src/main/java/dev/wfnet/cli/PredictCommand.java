package dev.wfnet.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageConversion;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.Json;
import dev.wfnet.model.Classifier;
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

    @Option(names = "--json", description = "Print JSON with every class's probability for each image (default: off, the"
            + " top classes as text)")
    boolean json;

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
            if (json) {
                out().print(Json.pretty(predictionsJson(probabilities, names)));
                return;
            }
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

    private JsonObject predictionsJson(float[][] probabilities, List<String> names) {
        JsonObject root = new JsonObject();
        root.addProperty("model", model.toString());
        JsonArray predictions = new JsonArray();
        for (int i = 0; i < images.size(); i++) {
            JsonObject prediction = new JsonObject();
            prediction.addProperty("image", images.get(i).toString());
            prediction.addProperty("predicted", names.get(Classifier.argMax(probabilities[i])));
            JsonObject byClass = new JsonObject();
            for (int c = 0; c < names.size(); c++) {
                byClass.addProperty(names.get(c), probabilities[i][c]);
            }
            prediction.add("probabilities", byClass);
            predictions.add(prediction);
        }
        root.add("predictions", predictions);
        return root;
    }
}
