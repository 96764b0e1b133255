package dev.wfnet.unlearn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of one untraining round. Defaults are WFNET.md's reference run (l0 = l1 = l2 = 1,
 * eps = 1e-6, T = 2, B = 128, Adam lr 1e-2, 400 steps, weight granularity, every weight tensor).
 *
 * @param classes model classes the bank can forget; empty means all
 * @param granularity one alpha per weight or per filter
 * @param selection which parameters are filtered
 * @param retainWeight l0, the weight of the retain cross-entropy
 * @param forgetWeight l1, the weight of the inverse forget cross-entropy
 * @param sparsityWeight l2, the weight of mean(1 - alpha)
 * @param epsilon eps in 1 / (CE + eps)
 * @param copies T, how many random rows each retain sample is paired with
 * @param batchSize B: B/2 forget samples and B/2 retain samples per step
 * @param learningRate Adam's learning rate on the alphas
 * @param cosineSchedule decay the learning rate to zero along a cosine
 * @param steps optimiser steps in the round
 * @param seed seeds sampling; each step's draws depend on (seed, step) only, so a resumed run
 *     repeats an uninterrupted one
 * @param snapshotEvery steps between per-class ACC_f / ACC_r snapshots (0: none)
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param validationPerClass held-out images per class for the snapshots
 * @param retainTarget what the retain term pulls a retain pair's prediction towards
 */
public record UntrainConfig(int[] classes, Granularity granularity, LayerSelection selection, double retainWeight,
                            double forgetWeight, double sparsityWeight, double epsilon, int copies, int batchSize,
                            double learningRate, boolean cosineSchedule, int steps, long seed, int snapshotEvery,
                            int checkpointEvery, int validationPerClass, RetainTarget retainTarget) {

    public UntrainConfig {
        classes = classes.clone();
        java.util.Objects.requireNonNull(retainTarget, "retainTarget");
        List<String> outOfRange = outOfRange(retainWeight, forgetWeight, sparsityWeight, epsilon, copies, batchSize,
                learningRate, steps, snapshotEvery, checkpointEvery, validationPerClass);
        if (!outOfRange.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", outOfRange));
        }
    }

    /** One sentence for each setting out of its range, naming the setting, its range and its value. */
    private static List<String> outOfRange(double retainWeight, double forgetWeight, double sparsityWeight,
                                           double epsilon, int copies, int batchSize, double learningRate, int steps,
                                           int snapshotEvery, int checkpointEvery, int validationPerClass) {
        List<String> problems = new java.util.ArrayList<>();
        if (!(retainWeight >= 0)) {
            problems.add("l0 must be 0 or more, not " + retainWeight);
        }
        if (!(forgetWeight >= 0)) {
            problems.add("l1 must be 0 or more, not " + forgetWeight);
        }
        if (!(sparsityWeight >= 0)) {
            problems.add("l2 must be 0 or more, not " + sparsityWeight);
        }
        if (!(epsilon > 0)) {
            problems.add("eps must be above 0, not " + epsilon);
        }
        if (copies < 1) {
            problems.add("T must be at least 1, not " + copies);
        }
        if (batchSize < 2 || batchSize % 2 != 0) {
            problems.add("B must be an even number of at least 2, not " + batchSize);
        }
        if (!(learningRate > 0)) {
            problems.add("lr must be above 0, not " + learningRate);
        }
        if (steps < 1) {
            problems.add("steps must be at least 1, not " + steps);
        }
        if (snapshotEvery < 0) {
            problems.add("the snapshot interval must be 0 (none) or more, not " + snapshotEvery);
        }
        if (checkpointEvery < 0) {
            problems.add("the checkpoint interval must be 0 (only at the end) or more, not " + checkpointEvery);
        }
        if (validationPerClass < 1) {
            problems.add("validation images per class must be at least 1, not " + validationPerClass);
        }
        return problems;
    }

    /** The paper's retain term (true labels). */
    public UntrainConfig(int[] classes, Granularity granularity, LayerSelection selection, double retainWeight,
                         double forgetWeight, double sparsityWeight, double epsilon, int copies, int batchSize,
                         double learningRate, boolean cosineSchedule, int steps, long seed, int snapshotEvery,
                         int checkpointEvery, int validationPerClass) {
        this(classes, granularity, selection, retainWeight, forgetWeight, sparsityWeight, epsilon, copies, batchSize,
                learningRate, cosineSchedule, steps, seed, snapshotEvery, checkpointEvery, validationPerClass,
                RetainTarget.LABELS);
    }

    public static UntrainConfig defaults() {
        return new UntrainConfig(new int[0], Granularity.WEIGHT, LayerSelection.defaults(), 1, 1, 1, 1e-6, 2, 128,
                1e-2, false, 400, 0, 50, 100, 100);
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** The classes of the bank for a model with {@code modelClasses} classes. */
    public int[] bankClasses(int modelClasses) {
        return classes.length == 0 ? java.util.stream.IntStream.range(0, modelClasses).toArray() : classes.clone();
    }

    /** The same settings with another number of steps. */
    public UntrainConfig withSteps(int newSteps) {
        return new UntrainConfig(classes, granularity, selection, retainWeight, forgetWeight, sparsityWeight, epsilon,
                copies, batchSize, learningRate, cosineSchedule, newSteps, seed, snapshotEvery, checkpointEvery,
                validationPerClass, retainTarget);
    }

    /** The same settings with another retain target. */
    public UntrainConfig withRetainTarget(RetainTarget target) {
        return new UntrainConfig(classes, granularity, selection, retainWeight, forgetWeight, sparsityWeight, epsilon,
                copies, batchSize, learningRate, cosineSchedule, steps, seed, snapshotEvery, checkpointEvery,
                validationPerClass, target);
    }

    /** The learning rate at a step. */
    public double learningRateAt(int step) {
        return cosineSchedule ? dev.wfnet.model.CosineSchedule.at(learningRate, step, steps) : learningRate;
    }

    /** The settings as text, for provenance and bank metadata. */
    public Map<String, String> describe() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("classes", classes.length == 0 ? "all" : Arrays.toString(classes));
        map.put("granularity", granularity.label());
        map.put("filtered", selection.describe());
        map.put("biases", Boolean.toString(selection.biases()));
        map.put("norms", Boolean.toString(selection.norms()));
        map.put("layers", String.join(",", selection.layers()));
        map.put("l0", Double.toString(retainWeight));
        map.put("l1", Double.toString(forgetWeight));
        map.put("l2", Double.toString(sparsityWeight));
        map.put("eps", Double.toString(epsilon));
        map.put("T", Integer.toString(copies));
        map.put("B", Integer.toString(batchSize));
        map.put("lr", Double.toString(learningRate));
        map.put("schedule", cosineSchedule ? "cosine" : "constant");
        map.put("steps", Integer.toString(steps));
        map.put("seed", Long.toString(seed));
        map.put("snapshot_every", Integer.toString(snapshotEvery));
        map.put("checkpoint_every", Integer.toString(checkpointEvery));
        map.put("validation_per_class", Integer.toString(validationPerClass));
        map.put("retain_target", retainTarget.label());
        return map;
    }

    /** Reads {@link #describe()} back. */
    public static UntrainConfig parse(Map<String, String> map) {
        String classText = map.get("classes");
        int[] classes = classText.equals("all") ? new int[0] : Arrays.stream(
                classText.replaceAll("[\\[\\] ]", "").split(",")).mapToInt(Integer::parseInt).toArray();
        String layers = map.getOrDefault("layers", "");
        LayerSelection selection = new LayerSelection(Boolean.parseBoolean(map.get("biases")),
                Boolean.parseBoolean(map.get("norms")), layers.isEmpty() ? List.of() : List.of(layers.split(",")));
        return new UntrainConfig(classes, Granularity.parse(map.get("granularity")), selection,
                Double.parseDouble(map.get("l0")), Double.parseDouble(map.get("l1")), Double.parseDouble(map.get("l2")),
                Double.parseDouble(map.get("eps")), Integer.parseInt(map.get("T")), Integer.parseInt(map.get("B")),
                Double.parseDouble(map.get("lr")), "cosine".equals(map.get("schedule")),
                Integer.parseInt(map.get("steps")), Long.parseLong(map.get("seed")),
                Integer.parseInt(map.get("snapshot_every")), Integer.parseInt(map.get("checkpoint_every")),
                Integer.parseInt(map.get("validation_per_class")),
                // Banks written before the choice existed used the paper's labels.
                RetainTarget.parse(map.getOrDefault("retain_target", "labels")));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UntrainConfig that && describe().equals(that.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }
}
