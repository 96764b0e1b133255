package dev.wfnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.baselines.TinyMlp;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics of two tiny models with known answers: one that memorised the class to forget
 * (every training image right, near-certain) and one trained the same way without it, which never
 * saw it. The attacker must call the first one's forget-set images members (MIA-efficacy near 0)
 * and the second one's non-members (near 1).
 */
class UnlearningEvaluatorTest {
    private static final CancellationToken NONE = CancellationToken.none();
    private static DatasetSplits data;
    private static UnlearningMetrics memoriser;
    private static UnlearningMetrics neverSeen;
    private static int[] neverSeenTestPredictions;

    @BeforeAll
    static void measureBoth() throws Exception {
        data = TinyMlp.data();
        UnlearningEvaluator evaluator = new UnlearningEvaluator(TinyMlp.memoriser(), data);
        memoriser = evaluator.metrics(evaluator.outputs(TinyMlp.memoriser().weights(), NONE), TinyMlp.FORGET, 0, 0,
                NONE);
        LoadedModel unseen = TinyMlp.neverSeen();
        neverSeen = evaluator.metrics(evaluator.outputs(unseen.weights(), NONE), TinyMlp.FORGET, 0, 0, NONE);
        neverSeenTestPredictions = unseen.classifier().predict(data.test(), NONE);
        System.out.println("memoriser: " + memoriser.toJson() + "\nnever seen: " + neverSeen.toJson());
    }

    @Test
    void aModelThatMemorisedTheClassGivesItAwayToTheAttacker() {
        assertEquals(0.0, memoriser.unlearningAccuracy(), 1e-12, "every training image of the class is right");
        assertEquals(1.0, memoriser.retainAccuracy(), 1e-12);
        assertTrue(memoriser.miaEfficacy() <= 0.1, "its forget-set images look like members: " + memoriser);
    }

    @Test
    void aModelThatNeverSawTheClassHidesNothing() {
        assertEquals(1.0, neverSeen.unlearningAccuracy(), 1e-12, "it never predicts a class it never saw");
        assertEquals(0.0, neverSeen.forgetTestAccuracy(), 1e-12);
        assertTrue(neverSeen.miaEfficacy() >= 0.9, "its forget-set images look like non-members: " + neverSeen);
    }

    @Test
    void accuraciesMatchAnIndependentCount() {
        ImageDataset test = data.test();
        int[] retained = IntStream.range(0, test.size()).filter(i -> test.label(i) != TinyMlp.FORGET).toArray();
        long right = IntStream.of(retained).filter(i -> neverSeenTestPredictions[i] == test.label(i)).count();
        assertEquals((double) right / retained.length, neverSeen.testAccuracy(), 1e-12);
        AccuracyReport perClass = AccuracyReport.of(test, neverSeenTestPredictions);
        for (int c = 0; c < test.classCount(); c++) {
            assertEquals(perClass.classAccuracy(c), neverSeen.perClassTestAccuracy()[c], 1e-12);
        }
        double[] predictedAs = neverSeen.forgetPredictions();
        assertEquals(1.0, java.util.Arrays.stream(predictedAs).sum(), 1e-9);
        assertEquals(0.0, predictedAs[TinyMlp.FORGET], 1e-12);
    }

    @Test
    void theHistogramCountsEveryForgetSetImageOnce() {
        int forgetImages = (int) IntStream.range(0, data.train().size())
                .filter(i -> data.train().label(i) == TinyMlp.FORGET).count();
        assertEquals(forgetImages, java.util.Arrays.stream(memoriser.miaBins()).sum());
        // the memoriser is near-certain: its images sit in the top bin and are called members
        assertTrue(memoriser.miaBins()[UnlearningMetrics.MIA_BINS - 1] >= forgetImages * 0.9);
        assertTrue(neverSeen.miaBins()[0] >= forgetImages * 0.9, "true-label probability near 0");
        assertTrue(java.util.Arrays.stream(neverSeen.miaBinsMember()).sum() <= forgetImages * 0.1);
    }

    @Test
    void zrfStaysWithinItsRange() {
        for (UnlearningMetrics metrics : new UnlearningMetrics[] {memoriser, neverSeen}) {
            assertTrue(metrics.zrf() >= 1 - Math.log(2) - 1e-9 && metrics.zrf() <= 1, "ZRF " + metrics.zrf());
        }
    }
}
