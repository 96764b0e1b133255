package dev.wfnet.explain;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.jobs.CancellationToken;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Scores alpha saliency, Grad-CAM and a random order by insertion and deletion
 * ({@link PerturbationCurves}) on test images chosen by {@link ImageSelection#balanced}, each image
 * explained for its true class. All perturbed images of one image (every method, both curves) go
 * through the model in one batch.
 */
public final class SaliencyBenchmark {
    /** Images whose maps are computed in one forward/backward pass. */
    private static final int MAP_BATCH = 50;

    private SaliencyBenchmark() {
    }

    public static SaliencyReport run(AlphaSaliency saliency, ImageDataset data, SaliencySettings settings,
                                     CancellationToken cancel) throws WfnetException {
        ImageShape shape = saliency.inputShape();
        if (!data.shape().equals(shape)) {
            throw new WfnetException("model expects " + shape + " inputs, dataset " + data.name() + " has "
                    + data.shape());
        }
        PerturbationCurves curves = new PerturbationCurves(shape, settings.stepsFor(shape),
                saliency.baselineInput(settings.baseline()));
        double[] fractions = curves.fractions();
        int points = curves.points();
        // only classes the bank has a row for can be explained by alpha saliency
        int[] candidates = java.util.stream.IntStream.range(0, data.size())
                .filter(i -> saliency.bankClasses().contains(data.label(i))).toArray();
        int[] selected = java.util.Arrays.stream(ImageSelection.balanced(data.subset(data.name(), candidates),
                settings.images(), settings.seed())).map(i -> candidates[i]).toArray();
        SaliencyMethod[] methods = SaliencyMethod.values();
        Map<SaliencyMethod, List<double[]>> insertionCurves = new EnumMap<>(SaliencyMethod.class);
        Map<SaliencyMethod, List<double[]>> deletionCurves = new EnumMap<>(SaliencyMethod.class);
        for (SaliencyMethod method : methods) {
            insertionCurves.put(method, new ArrayList<>());
            deletionCurves.put(method, new ArrayList<>());
        }
        List<SaliencyReport.ImageResult> rows = new ArrayList<>();
        List<SaliencyReport.Example> examples = new ArrayList<>();
        float[] batch = new float[methods.length * 2 * points * shape.pixelCount()];
        for (int from = 0; from < selected.length; from += MAP_BATCH) {
            int[] chunk = java.util.Arrays.copyOfRange(selected, from, Math.min(selected.length, from + MAP_BATCH));
            int[] labels = java.util.Arrays.stream(chunk).map(data::label).toArray();
            float[] inputs = saliency.inputs(data, chunk);
            AlphaSaliency.Maps maps = saliency.maps(inputs, labels);
            for (int i = 0; i < chunk.length; i++) {
                cancel.throwIfCancelled();
                float[] image = PerturbationCurves.image(inputs, i, shape);
                Map<SaliencyMethod, float[][]> byMethod = new EnumMap<>(SaliencyMethod.class);
                byMethod.put(SaliencyMethod.ALPHA, maps.alpha()[i]);
                byMethod.put(SaliencyMethod.GRAD_CAM, maps.gradCam()[i]);
                byMethod.put(SaliencyMethod.RANDOM, randomMap(shape, settings.seed(), chunk[i]));
                for (int m = 0; m < methods.length; m++) {
                    int[] order = PerturbationCurves.order(byMethod.get(methods[m]));
                    curves.insertion(image, order, batch, (2 * m) * points * shape.pixelCount());
                    curves.deletion(image, order, batch, (2 * m + 1) * points * shape.pixelCount());
                }
                float[] probabilities = saliency.classProbabilities(batch, methods.length * 2 * points, labels[i]);
                for (int m = 0; m < methods.length; m++) {
                    double[] insertion = slice(probabilities, 2 * m * points, points);
                    double[] deletion = slice(probabilities, (2 * m + 1) * points, points);
                    insertionCurves.get(methods[m]).add(insertion);
                    deletionCurves.get(methods[m]).add(deletion);
                    rows.add(new SaliencyReport.ImageResult(chunk[i], labels[i], methods[m],
                            PerturbationCurves.auc(fractions, insertion), PerturbationCurves.auc(fractions, deletion)));
                }
                String className = data.classNames().get(labels[i]);
                if (examples.size() < settings.examples()
                        && examples.stream().noneMatch(e -> e.className().equals(className))) {
                    examples.add(new SaliencyReport.Example(chunk[i], className,
                            display(data, chunk[i]), maps.alpha()[i], maps.gradCam()[i]));
                }
            }
        }
        List<SaliencyReport.MethodResult> results = new ArrayList<>();
        for (SaliencyMethod method : methods) {
            List<double[]> insertion = insertionCurves.get(method);
            List<double[]> deletion = deletionCurves.get(method);
            double[] insertionAucs = rows.stream().filter(r -> r.method() == method)
                    .mapToDouble(SaliencyReport.ImageResult::insertion).toArray();
            double[] deletionAucs = rows.stream().filter(r -> r.method() == method)
                    .mapToDouble(SaliencyReport.ImageResult::deletion).toArray();
            results.add(new SaliencyReport.MethodResult(method, mean(insertionAucs), std(insertionAucs),
                    mean(deletionAucs), std(deletionAucs), meanCurve(insertion, points), meanCurve(deletion, points)));
        }
        return new SaliencyReport(saliency.featureLayer().name(), settings, fractions, results, rows, examples);
    }

    /** Uniform noise, seeded per image so a rerun and a different image count give the same map. */
    static float[][] randomMap(ImageShape shape, long seed, int imageIndex) {
        Random random = new Random(seed * 1_000_003L + imageIndex);
        float[][] map = new float[shape.height()][shape.width()];
        for (float[] row : map) {
            for (int x = 0; x < row.length; x++) {
                row[x] = random.nextFloat();
            }
        }
        return map;
    }

    /** The image's intensities in [0, 1], channels averaged, for figures. */
    private static float[][] display(ImageDataset data, int index) {
        ImageShape shape = data.shape();
        int plane = shape.height() * shape.width();
        float[][] image = new float[shape.height()][shape.width()];
        for (int c = 0; c < shape.channels(); c++) {
            for (int p = 0; p < plane; p++) {
                image[p / shape.width()][p % shape.width()] += data.pixel(index, c * plane + p) / 255f
                        / shape.channels();
            }
        }
        return image;
    }

    private static double[] slice(float[] values, int from, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[from + i];
        }
        return out;
    }

    private static double[] meanCurve(List<double[]> curves, int points) {
        double[] mean = new double[points];
        for (double[] curve : curves) {
            for (int i = 0; i < points; i++) {
                mean[i] += curve[i] / curves.size();
            }
        }
        return mean;
    }

    static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1); NaN below two values. */
    static double std(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
