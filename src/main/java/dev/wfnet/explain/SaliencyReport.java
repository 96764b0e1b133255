package dev.wfnet.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.io.Csv;
import java.util.List;

/**
 * Insertion and deletion AUCs of each saliency method over a set of test images, the mean curves,
 * and a few example maps for figures.
 *
 * @param featureLayer the layer the maps weight ({@code conv2}, {@code layer3.2})
 * @param settings how the images and steps were chosen
 * @param fractions the curves' x axis: fraction of pixels perturbed
 * @param methods one summary per method, in {@link SaliencyMethod} order
 * @param images one row per image and method
 * @param examples the maps of the first image of each of the first classes, for the overlay figure
 */
public record SaliencyReport(String featureLayer, SaliencySettings settings, double[] fractions,
                             List<MethodResult> methods, List<ImageResult> images, List<Example> examples) {

    /**
     * One method over every image.
     *
     * @param method which map
     * @param insertionMean mean insertion AUC (higher is better)
     * @param insertionStd its sample standard deviation over images
     * @param deletionMean mean deletion AUC (lower is better)
     * @param deletionStd its sample standard deviation
     * @param insertionCurve the mean insertion curve, one value per fraction
     * @param deletionCurve the mean deletion curve
     */
    public record MethodResult(SaliencyMethod method, double insertionMean, double insertionStd, double deletionMean,
                               double deletionStd, double[] insertionCurve, double[] deletionCurve) {
    }

    /**
     * One image under one method.
     *
     * @param index the image's index in the test set
     * @param label its true class, the class explained
     * @param method which map
     * @param insertion insertion AUC
     * @param deletion deletion AUC
     */
    public record ImageResult(int index, int label, SaliencyMethod method, double insertion, double deletion) {
    }

    /**
     * One image with both maps, for display.
     *
     * @param index the image's index in the test set
     * @param className its true class, the class explained
     * @param image intensities in [0, 1], {@code height x width} (channels averaged)
     * @param alpha the alpha saliency map
     * @param gradCam the Grad-CAM map
     */
    public record Example(int index, String className, float[][] image, float[][] alpha, float[][] gradCam) {
    }

    public SaliencyReport {
        fractions = fractions.clone();
        methods = List.copyOf(methods);
        images = List.copyOf(images);
        examples = List.copyOf(examples);
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    public MethodResult method(SaliencyMethod method) {
        return methods.stream().filter(m -> m.method() == method).findFirst().orElseThrow();
    }

    /** Images in the benchmark. */
    public int imageCount() {
        return images.size() / Math.max(1, methods.size());
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("feature_layer", featureLayer);
        json.addProperty("images", imageCount());
        json.addProperty("steps", fractions.length - 1);
        json.addProperty("seed", settings.seed());
        json.addProperty("class_explained", "the image's true class (and that class's bank row)");
        json.addProperty("baseline", settings.baseline().label() + " (" + (settings.baseline()
                == PerturbationBaseline.MEAN ? "0 in normalised space, the training mean" : "intensity 0")
                + "), for insertion and deletion");
        json.addProperty("auc", "trapezoid over the fraction of pixels perturbed, [0, 1]; probability of the class");
        JsonArray x = new JsonArray();
        for (double fraction : fractions) {
            x.add(fraction);
        }
        json.add("fractions", x);
        JsonArray list = new JsonArray();
        for (MethodResult result : methods) {
            JsonObject entry = new JsonObject();
            entry.addProperty("method", result.method().label());
            entry.addProperty("insertion_auc_mean", result.insertionMean());
            entry.addProperty("insertion_auc_std", result.insertionStd());
            entry.addProperty("deletion_auc_mean", result.deletionMean());
            entry.addProperty("deletion_auc_std", result.deletionStd());
            entry.add("insertion_curve", array(result.insertionCurve()));
            entry.add("deletion_curve", array(result.deletionCurve()));
            list.add(entry);
        }
        json.add("methods", list);
        return json;
    }

    private static JsonArray array(double[] values) {
        JsonArray array = new JsonArray();
        for (double value : values) {
            array.add(value);
        }
        return array;
    }

    /** One line per method. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("method,images,insertion_auc_mean,insertion_auc_std,deletion_auc_mean,"
                + "deletion_auc_std\n");
        for (MethodResult result : methods) {
            csv.append(result.method().label()).append(',').append(imageCount()).append(',')
                    .append(Csv.number(result.insertionMean())).append(',').append(Csv.number(result.insertionStd()))
                    .append(',').append(Csv.number(result.deletionMean())).append(',')
                    .append(Csv.number(result.deletionStd())).append('\n');
        }
        return csv.toString();
    }

    /** One line per image and method. */
    public String imagesCsv() {
        StringBuilder csv = new StringBuilder("index,label,method,insertion_auc,deletion_auc\n");
        for (ImageResult row : images) {
            csv.append(row.index()).append(',').append(row.label()).append(',').append(row.method().label())
                    .append(',').append(Csv.number(row.insertion())).append(',').append(Csv.number(row.deletion()))
                    .append('\n');
        }
        return csv.toString();
    }
}
