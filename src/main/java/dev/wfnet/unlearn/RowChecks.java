package dev.wfnet.unlearn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.Classifier;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a bank's rows against the round's targets on the held-out split: ACC_f of the row's class
 * and ACC_r of the others, beside the original model's ACC_r on the same images (computed once).
 * A frozen row keeps its last status: its alphas no longer change.
 * <p>
 * A check first screens a row on a quarter of the held-out images of each class; only a row that
 * could meet the targets there (each estimate within one standard error of its target) is run on
 * the rest and judged on all of them. Most checks are of rows that are still far off, so a check
 * costs about a quarter of a full pass. With {@link WfnetObjective.Rows#BATCHED} the rows checked
 * go through the network together, one batched pass per batch of images, each batch normalised and
 * copied once for all of them.
 * <p>
 * When the round trains compositions, a row that meets its targets is also checked together with
 * each of its {@link #PARTNERS} most confused partners (the classes the original model mixes up most
 * with its own, on the held-out images), against the pair targets ({@link PairCheck}); it is met
 * only if every such pair is.
 */
final class RowChecks {
    private final LoadedModel model;
    private final BankLayout layout;
    private final UntrainConfig config;
    private final CancellationToken cancel;
    private final ImageDataset screen;
    private final ImageDataset rest;
    /** Labels and the original's predictions, screen images first, then the rest. */
    private final int[] labels;
    private final int[] originalPredictions;
    /** How many of a row's most confused partners a check applies it with. */
    static final int PARTNERS = 2;
    /** How far (in logits) a forgotten class may trail the winner and still count as recognised: ln 2. */
    static final double NEAR_WIN = Math.log(2);
    /** Per row, the rows of the classes the original model confuses most with its own, most first. */
    private final int[][] partners;

    RowChecks(LoadedModel model, ImageDataset validation, BankLayout layout, UntrainConfig config,
              CancellationToken cancel) throws WfnetException {
        this.model = model;
        this.layout = layout;
        this.config = config;
        this.cancel = cancel;
        int[] perClass = validation.classCounts();
        int[] seen = new int[perClass.length];
        boolean[] inScreen = new boolean[validation.size()];
        for (int i = 0; i < validation.size(); i++) {
            int label = validation.label(i);
            inScreen[i] = seen[label]++ < (perClass[label] + 3) / 4;
        }
        this.screen = validation.subset(validation.name() + "[screen]",
                java.util.stream.IntStream.range(0, validation.size()).filter(i -> inScreen[i]).toArray());
        this.rest = validation.subset(validation.name() + "[rest]",
                java.util.stream.IntStream.range(0, validation.size()).filter(i -> !inScreen[i]).toArray());
        this.labels = concat(screen.labels(), rest.labels());
        float[][] probabilities = concat(model.classifier().probabilities(screen, cancel),
                model.classifier().probabilities(rest, cancel));
        this.originalPredictions = java.util.Arrays.stream(probabilities).mapToInt(Classifier::argMax).toArray();
        this.partners = config.compose() > 0 ? mostConfused(layout, labels, probabilities, PARTNERS)
                : new int[layout.rows()][0];
    }

    /**
     * Per row, the {@code count} rows whose classes the original model mixes up most with the row's,
     * either way, most first (ties: the lower row first). Mixing up is measured by probability, not by
     * mistakes: the mean probability the model gives each class on the other's held-out images, both
     * ways. On training images a model makes few mistakes (the small CNN made none on Sandal's), and
     * counting them would leave most rows' partners to chance.
     */
    static int[][] mostConfused(BankLayout layout, int[] labels, float[][] probabilities, int count) {
        int rows = layout.rows();
        double[][] mixed = new double[rows][rows];
        int[] images = new int[rows];
        for (int i = 0; i < labels.length; i++) {
            int truth = layout.rowOf(labels[i]);
            if (truth >= 0) {
                images[truth]++;
                for (int other = 0; other < rows; other++) {
                    mixed[truth][other] += probabilities[i][layout.classOfRow(other)];
                }
            }
        }
        int[][] partners = new int[rows][];
        for (int row = 0; row < rows; row++) {
            double[] score = new double[rows];
            for (int other = 0; other < rows; other++) {
                score[other] = mixed[row][other] / Math.max(1, images[row])
                        + mixed[other][row] / Math.max(1, images[other]);
            }
            int self = row;
            partners[row] = java.util.stream.IntStream.range(0, rows).filter(other -> other != self).boxed()
                    .sorted((a, b) -> Double.compare(score[b], score[a]))
                    .limit(count).mapToInt(Integer::intValue).toArray();
        }
        return partners;
    }

    private static float[][] concat(float[][] first, float[][] second) {
        float[][] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static int[] concat(int[] first, int[] second) {
        int[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The labels of the held-out images, in the order of {@link #originalPredictions()}. */
    int[] labels() {
        return labels.clone();
    }

    /** The original model's predictions on the held-out images. */
    int[] originalPredictions() {
        return originalPredictions.clone();
    }

    /**
     * The status of every row: checked again for rows not frozen, {@code previous} for the others.
     *
     * @param previous the last statuses (empty before the first check)
     */
    List<RowStatus> check(AlphaBank bank, boolean[] frozen, List<RowStatus> previous) throws WfnetException {
        int[] checked = java.util.stream.IntStream.range(0, layout.rows())
                .filter(row -> !frozen[row] || previous.isEmpty()).toArray();
        int[][] screened = predict(bank, singletons(checked), screen);
        int count = screen.size();
        RowStatus[] status = new RowStatus[layout.rows()];
        List<Integer> promising = new ArrayList<>();
        for (int i = 0; i < checked.length; i++) {
            int row = checked[i];
            RowStatus first = status(row, layout.classOfRow(row), java.util.Arrays.copyOf(labels, count),
                    java.util.Arrays.copyOf(originalPredictions, count), screened[i], config, -1);
            status[row] = new RowStatus(row, first.modelClass(), first.forgetAccuracy(), first.retainAccuracy(),
                    first.originalRetainAccuracy(), first.forgetError(), first.dropError(), false, null);
            if (first.met()) {
                promising.add(i);
            }
        }
        int[] second = promising.stream().mapToInt(i -> checked[i]).toArray();
        int[][] rested = predict(bank, singletons(second), rest);
        for (int j = 0; j < second.length; j++) {
            int row = second[j];
            status[row] = status(row, layout.classOfRow(row), labels, originalPredictions,
                    concat(screened[promising.get(j)], rested[j]), config, 1);
            if (status[row].met()) {
                status[row] = withPairs(bank, status[row]);
            }
        }
        for (int row = 0; row < layout.rows(); row++) {
            if (status[row] == null) {
                status[row] = previous.get(row);
            }
        }
        return List.of(status);
    }

    private static List<int[]> singletons(int[] rows) {
        return java.util.Arrays.stream(rows).mapToObj(row -> new int[] {row}).toList();
    }

    /**
     * The verdicts on {@code images} under each row set (its rows' product), {@code [set][image]}:
     * the arg-max class, except that an image of a class the set forgets still counts as recognised
     * while that class keeps at least half the winner's probability ({@link #verdicts}). One
     * filtered model per set, or with {@link WfnetObjective.Rows#BATCHED} every set in one batched
     * pass per batch of images (docs/method.md, "Every row set in one batched pass").
     */
    int[][] predict(AlphaBank bank, List<int[]> sets, ImageDataset images) throws WfnetException {
        if (sets.isEmpty()) {
            return new int[0][];
        }
        float[][][] logits = new float[sets.size()][][];
        if (WfnetObjective.Rows.fromProperty() == WfnetObjective.Rows.LOOP) {
            for (int i = 0; i < sets.size(); i++) {
                try (FilteredModel filtered = new FilteredModel(model.architecture(), model.weights(),
                        model.checkpoint().normalization(), bank, sets.get(i))) {
                    logits[i] = filtered.classifier().logits(images, cancel);
                }
            }
        } else {
            try (NDManager manager = TorchRuntime.newManager(); NDScope scope = new NDScope()) {
                RowSetParameters filtered = new RowSetParameters(bank, model.weights(), sets).formAll();
                logits = new Classifier(model.architecture(), filtered, model.checkpoint().normalization(), manager)
                        .logitsGroups(images, cancel);
            }
        }
        int[][] verdicts = new int[sets.size()][];
        for (int i = 0; i < sets.size(); i++) {
            int[] classes = java.util.Arrays.stream(sets.get(i)).map(layout::classOfRow).toArray();
            verdicts[i] = verdicts(images.labels(), logits[i], classes);
        }
        return verdicts;
    }

    /**
     * The arg-max class of each image, except that an image of one of the {@code forgotten} classes
     * counts as still recognised (its label) while its class's logit is within ln 2 of the highest:
     * at least half the winner's probability. An image that a row only just pushes over the
     * boundary on training images is likely to stay on the other side on images the model has
     * never seen (docs/method.md, "Stopping on targets").
     */
    static int[] verdicts(int[] labels, float[][] logits, int[] forgotten) {
        int[] verdicts = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            verdicts[i] = Classifier.argMax(logits[i]);
            int label = labels[i];
            if (verdicts[i] != label && java.util.Arrays.stream(forgotten).anyMatch(c -> c == label)
                    && logits[i][label] >= logits[i][verdicts[i]] - NEAR_WIN) {
                verdicts[i] = label;
            }
        }
        return verdicts;
    }

    /** A row that meets its own targets, checked with each of its partners until one pair falls short. */
    private RowStatus withPairs(AlphaBank bank, RowStatus single) throws WfnetException {
        PairCheck pair = null;
        for (int partner : partners[single.row()]) {
            List<int[]> set = List.of(new int[] {single.row(), partner});
            pair = pairCheck(single.modelClass(), layout.classOfRow(partner), labels, originalPredictions,
                    concat(predict(bank, set, screen)[0], predict(bank, set, rest)[0]), config);
            if (!pair.met()) {
                break;
            }
        }
        return pair == null ? single : new RowStatus(single.row(), single.modelClass(), single.forgetAccuracy(),
                single.retainAccuracy(), single.originalRetainAccuracy(), single.forgetError(), single.dropError(),
                pair.met(), pair);
    }

    /**
     * A row's status from predictions on the held-out images. Each estimate must clear its target by
     * one standard error (binomial for ACC_f; for the drop, the paired difference of the original's
     * and the row's correctness on the same images), so that a row checked on a few hundred images
     * per class still meets the targets on a larger test split rather than only on the held-out one.
     */
    static RowStatus status(int row, int modelClass, int[] labels, int[] original, int[] now, UntrainConfig config) {
        return status(row, modelClass, labels, original, now, config, 1);
    }

    /**
     * @param errors how many standard errors each estimate must clear its target by: 1 to meet it,
     *     -1 for the screen (the estimate may miss by up to one standard error)
     */
    private static RowStatus status(int row, int modelClass, int[] labels, int[] original, int[] now,
                                    UntrainConfig config, int errors) {
        Tally tally = Tally.of(new int[] {modelClass}, labels, original, now);
        boolean met = tally.meets(config.checkedForgetAccuracy(), config.targetDrop(), errors);
        return new RowStatus(row, modelClass, tally.forget(), tally.retain(), tally.originalRetain(),
                tally.forgetError(), tally.dropError(), met, null);
    }

    /** Two rows applied together, against the pair targets ({@link PairCheck}), one standard error to spare. */
    static PairCheck pairCheck(int modelClass, int partnerClass, int[] labels, int[] original, int[] now,
                               UntrainConfig config) {
        Tally tally = Tally.of(new int[] {modelClass, partnerClass}, labels, original, now);
        return new PairCheck(partnerClass, tally.forget(), tally.forgetError(), tally.drop(), tally.dropError(),
                tally.meets(PairCheck.TARGET_FACTOR * config.checkedForgetAccuracy(),
                        PairCheck.TARGET_FACTOR * config.targetDrop(), 1));
    }

    /**
     * Counts of one check: the forgotten classes' images still recognised as their own class, and the
     * other images' correctness before and after.
     */
    private record Tally(double forget, double forgetError, double retain, double originalRetain, double dropError) {

        static Tally of(int[] forgotten, int[] labels, int[] original, int[] now) {
            int forgetTotal = 0;
            int forgetCorrect = 0;
            int retainTotal = 0;
            int originalCorrect = 0;
            int nowCorrect = 0;
            int lost = 0;
            int gained = 0;
            for (int i = 0; i < labels.length; i++) {
                boolean correct = now[i] == labels[i];
                if (contains(forgotten, labels[i])) {
                    forgetTotal++;
                    forgetCorrect += correct ? 1 : 0;
                } else {
                    boolean before = original[i] == labels[i];
                    retainTotal++;
                    originalCorrect += before ? 1 : 0;
                    nowCorrect += correct ? 1 : 0;
                    lost += before && !correct ? 1 : 0;
                    gained += !before && correct ? 1 : 0;
                }
            }
            double forget = forgetTotal == 0 ? 0 : (double) forgetCorrect / forgetTotal;
            return new Tally(forget, forgetTotal == 0 ? 0 : Math.sqrt(forget * (1 - forget) / forgetTotal),
                    retainTotal == 0 ? Double.NaN : (double) nowCorrect / retainTotal,
                    retainTotal == 0 ? Double.NaN : (double) originalCorrect / retainTotal,
                    retainTotal == 0 ? 0
                            : Math.sqrt(Math.max(0, lost + gained - Math.pow(lost - gained, 2) / retainTotal))
                                    / retainTotal);
        }

        double drop() {
            return originalRetain - retain;
        }

        /** Whether each estimate clears its target by {@code errors} standard errors. */
        boolean meets(double targetForget, double targetDrop, int errors) {
            return forget + errors * forgetError <= targetForget + 1e-12
                    && drop() + errors * dropError <= targetDrop + 1e-12;
        }

        private static boolean contains(int[] values, int value) {
            for (int v : values) {
                if (v == value) {
                    return true;
                }
            }
            return false;
        }
    }
}
