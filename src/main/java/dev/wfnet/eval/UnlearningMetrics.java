package dev.wfnet.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;

/**
 * The field's metrics of one unlearned model for one forgotten class (every value a share in
 * [0, 1]; the README defines each with its source).
 *
 * @param forgetClass the forgotten class
 * @param unlearningAccuracy UA: 1 - accuracy on the forgotten class's training images
 * @param retainAccuracy RA: accuracy on the retained classes' training images
 * @param testAccuracy TA: accuracy on the retained classes' test images
 * @param forgetTestAccuracy accuracy on the forgotten class's test images
 * @param miaEfficacy the share of the forgotten class's training images a membership-inference
 *     attacker calls non-members ({@link MembershipInference})
 * @param zrf 1 - mean Jensen-Shannon divergence to a randomly initialised model on the forgotten
 *     class's test images ({@link ZeroRetrainForgetting})
 * @param perClassTestAccuracy test accuracy of every class
 * @param forgetPredictions the share of the forgotten class's test images predicted as each class
 * @param miaBins how many of the forgotten class's training images have a true-label probability in
 *     each of {@link #MIA_BINS} equal bins of [0, 1]
 * @param miaBinsMember how many of those the attacker called members
 */
public record UnlearningMetrics(int forgetClass, double unlearningAccuracy, double retainAccuracy, double testAccuracy,
                                double forgetTestAccuracy, double miaEfficacy, double zrf,
                                double[] perClassTestAccuracy, double[] forgetPredictions, int[] miaBins,
                                int[] miaBinsMember) {
    public static final int MIA_BINS = 10;

    public UnlearningMetrics {
        perClassTestAccuracy = perClassTestAccuracy.clone();
        forgetPredictions = forgetPredictions.clone();
        miaBins = miaBins.clone();
        miaBinsMember = miaBinsMember.clone();
    }

    /** The value of one of the headline metrics. */
    public double value(Metric metric) {
        return switch (metric) {
            case UA -> unlearningAccuracy;
            case RA -> retainAccuracy;
            case TA -> testAccuracy;
            case FORGET_TEST -> forgetTestAccuracy;
            case MIA -> miaEfficacy;
            case ZRF -> zrf;
        };
    }

    @Override
    public double[] perClassTestAccuracy() {
        return perClassTestAccuracy.clone();
    }

    @Override
    public double[] forgetPredictions() {
        return forgetPredictions.clone();
    }

    @Override
    public int[] miaBins() {
        return miaBins.clone();
    }

    @Override
    public int[] miaBinsMember() {
        return miaBinsMember.clone();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("forget_class", forgetClass);
        for (Metric metric : Metric.values()) {
            json.addProperty(metric.key(), value(metric));
        }
        json.add("per_class_test_accuracy", array(perClassTestAccuracy));
        json.add("forget_class_predicted_as", array(forgetPredictions));
        json.add("mia_bins", array(Arrays.stream(miaBins).asDoubleStream().toArray()));
        json.add("mia_bins_member", array(Arrays.stream(miaBinsMember).asDoubleStream().toArray()));
        return json;
    }

    public static UnlearningMetrics fromJson(JsonObject json) {
        return new UnlearningMetrics(json.get("forget_class").getAsInt(), json.get(Metric.UA.key()).getAsDouble(),
                json.get(Metric.RA.key()).getAsDouble(), json.get(Metric.TA.key()).getAsDouble(),
                json.get(Metric.FORGET_TEST.key()).getAsDouble(), json.get(Metric.MIA.key()).getAsDouble(),
                json.get(Metric.ZRF.key()).getAsDouble(), doubles(json.getAsJsonArray("per_class_test_accuracy")),
                doubles(json.getAsJsonArray("forget_class_predicted_as")),
                Arrays.stream(doubles(json.getAsJsonArray("mia_bins"))).mapToInt(d -> (int) d).toArray(),
                Arrays.stream(doubles(json.getAsJsonArray("mia_bins_member"))).mapToInt(d -> (int) d).toArray());
    }

    private static JsonArray array(double[] values) {
        JsonArray array = new JsonArray();
        Arrays.stream(values).forEach(array::add);
        return array;
    }

    private static double[] doubles(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnlearningMetrics that && toJson().equals(that.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "UnlearningMetrics" + toJson();
    }
}
