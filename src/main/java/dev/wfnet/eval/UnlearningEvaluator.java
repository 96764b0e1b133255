package dev.wfnet.eval;

import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.Classifier;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.ParameterSource;
import dev.wfnet.model.TorchRuntime;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Measures unlearned models of one architecture on one dataset: each model's softmax outputs on
 * both splits are computed once ({@link #outputs}), and every metric of any forgotten class is
 * counted from them ({@link #metrics}). The randomly initialised model ZRF compares with is made
 * once per seed and kept.
 */
public final class UnlearningEvaluator {
    private final Architecture architecture;
    private final Normalization normalization;
    private final DatasetSplits data;
    private final Map<Long, float[][]> randomTest = new HashMap<>();

    /** Softmax outputs of one model, a row per image of each split. */
    public record Outputs(float[][] train, float[][] test) {
    }

    public UnlearningEvaluator(LoadedModel model, DatasetSplits data) throws WfnetException {
        model.checkCompatible(data.train());
        model.checkCompatible(data.test());
        this.architecture = model.architecture();
        this.normalization = model.checkpoint().normalization();
        this.data = data;
    }

    public DatasetSplits data() {
        return data;
    }

    /** A model's outputs on every training and test image. */
    public Outputs outputs(ParameterSource weights, CancellationToken cancel) throws WfnetException {
        try (NDManager manager = TorchRuntime.newManager()) {
            Classifier classifier = new Classifier(architecture, weights, normalization, manager);
            return new Outputs(classifier.probabilities(data.train(), cancel), classifier.probabilities(data.test(),
                    cancel));
        }
    }

    /**
     * Every metric of a model's outputs for one forgotten class.
     *
     * @param seed seeds the attacker's choice of members and non-members and the random model of ZRF
     * @param miaSamples at most this many members and as many non-members train the attacker; 0 uses
     *     every retained test image (the reference) and as many retained training images
     */
    public UnlearningMetrics metrics(Outputs outputs, int forgetClass, long seed, int miaSamples,
                                     CancellationToken cancel)
            throws WfnetException {
        ImageDataset train = data.train();
        ImageDataset test = data.test();
        int[] forgetTrain = indices(train, forgetClass, true);
        int[] retainTrain = indices(train, forgetClass, false);
        int[] forgetTest = indices(test, forgetClass, true);
        int[] retainTest = indices(test, forgetClass, false);
        if (forgetTrain.length == 0 || forgetTest.length == 0 || retainTest.length == 0) {
            throw new WfnetException("class " + forgetClass + " needs training and test images, and other classes test"
                    + " images, to be measured; " + train.name() + " has " + forgetTrain.length + " and "
                    + test.name() + " " + forgetTest.length);
        }
        int[] trainPredictions = argMax(outputs.train());
        int[] testPredictions = argMax(outputs.test());
        double[] perClass = new double[train.classCount()];
        for (int c = 0; c < perClass.length; c++) {
            perClass[c] = accuracy(test, testPredictions, indices(test, c, true));
        }
        double[] predictedAs = new double[train.classCount()];
        for (int i : forgetTest) {
            predictedAs[testPredictions[i]] += 1.0 / forgetTest.length;
        }
        double[] targets = MembershipInference.trueLabelProbability(outputs.train(), train, forgetTrain);
        MembershipInference.Result attack = MembershipInference.attack(
                MembershipInference.trueLabelProbability(outputs.train(), train, retainTrain),
                MembershipInference.trueLabelProbability(outputs.test(), test, retainTest), targets, miaSamples, seed);
        int[] bins = new int[UnlearningMetrics.MIA_BINS];
        int[] binsMember = new int[UnlearningMetrics.MIA_BINS];
        boolean[] calledMember = attack.targetMember();
        for (int i = 0; i < targets.length; i++) {
            int bin = Math.min(UnlearningMetrics.MIA_BINS - 1, (int) (targets[i] * UnlearningMetrics.MIA_BINS));
            bins[bin]++;
            binsMember[bin] += calledMember[i] ? 1 : 0;
        }
        float[][] random = randomTestOutputs(seed, cancel);
        float[][] modelForget = new float[forgetTest.length][];
        float[][] randomForget = new float[forgetTest.length][];
        for (int k = 0; k < forgetTest.length; k++) {
            modelForget[k] = outputs.test()[forgetTest[k]];
            randomForget[k] = random[forgetTest[k]];
        }
        return new UnlearningMetrics(forgetClass, 1 - accuracy(train, trainPredictions, forgetTrain),
                accuracy(train, trainPredictions, retainTrain), accuracy(test, testPredictions, retainTest),
                accuracy(test, testPredictions, forgetTest), attack.efficacy(),
                ZeroRetrainForgetting.score(modelForget, randomForget), perClass, predictedAs, bins, binsMember);
    }

    /** A randomly initialised model's outputs on the test split: the reference point of ZRF. */
    private float[][] randomTestOutputs(long seed, CancellationToken cancel) throws WfnetException {
        float[][] cached = randomTest.get(seed);
        if (cached == null) {
            try (NDManager manager = TorchRuntime.newManager()) {
                NetworkWeights random = NetworkWeights.initialise(architecture, manager, seed);
                cached = new Classifier(architecture, random, normalization, manager).probabilities(data.test(), cancel);
            }
            randomTest.put(seed, cached);
        }
        return cached;
    }

    private static int[] indices(ImageDataset split, int forgetClass, boolean ofTheClass) {
        return IntStream.range(0, split.size()).filter(i -> (split.label(i) == forgetClass) == ofTheClass).toArray();
    }

    private static double accuracy(ImageDataset split, int[] predictions, int[] images) {
        if (images.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i : images) {
            correct += predictions[i] == split.label(i) ? 1 : 0;
        }
        return (double) correct / images.length;
    }

    private static int[] argMax(float[][] rows) {
        int[] best = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            best[i] = Classifier.argMax(rows[i]);
        }
        return best;
    }
}
