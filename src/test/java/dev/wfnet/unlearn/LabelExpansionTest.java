package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.model.Mlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Label expansion and the grouped batch against the rules of docs/method.md, counted over many seeded
 * draws: B/2 forget samples under their own row, B/2 retain samples each under T fresh rows of
 * other classes (uniform), and a batch laid out in contiguous row groups, forget before retain.
 */
class LabelExpansionTest {
    private static final int B = 64;
    private static final int T = 3;
    private static final int HALF = B / 2;
    /** Two bytes per image encode its index, so a batch's pixels say which image sits where. */
    private static final ImageShape TAG = new ImageShape(1, 1, 2);
    private static final Normalization IDENTITY = new Normalization(new double[] {0}, new double[] {1});
    private static final List<String> TEN = IntStream.range(0, 10).mapToObj(c -> "class " + c).toList();

    private final Mlp tenClasses = new Mlp(new ImageShape(1, 2, 2), 10, 3);
    private final int[] labels = balancedLabels(1000, 17);
    private final ImageDataset data = tagged(labels);

    private static int[] balancedLabels(int size, long seed) {
        int[] labels = IntStream.range(0, size).map(i -> i % 10).toArray();
        Random random = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        return labels;
    }

    private static ImageDataset tagged(int[] labels) {
        byte[] pixels = new byte[labels.length * 2];
        for (int i = 0; i < labels.length; i++) {
            pixels[2 * i] = (byte) (i / 256);
            pixels[2 * i + 1] = (byte) (i % 256);
        }
        return new ImageDataset("tagged", TAG, pixels, labels, TEN);
    }

    /** The dataset index of the image at a batch position, read back from its two pixels. */
    private static int indexAt(GroupedBatch batch, int position) {
        int high = Math.round(batch.pixels()[2 * position] * 255f);
        int low = Math.round(batch.pixels()[2 * position + 1] * 255f);
        return high * 256 + low;
    }

    private BankLayout layout(int... classes) throws Exception {
        return BankLayout.of(tenClasses, classes, Granularity.FILTER, LayerSelection.defaults());
    }

    /** Draws {@code draws} batches and checks each against the rules; returns retain-row counts by own row. */
    private long[][] drawAndCheck(BankLayout layout, int draws, long seed) {
        int[] forgetPool = LabelExpansion.forgetPool(labels, layout);
        int[] retainPool = LabelExpansion.retainPool(labels, layout);
        Random random = new Random(seed);
        long[][] counts = new long[layout.rows() + 1][layout.rows()];
        long[] forgetByRow = new long[layout.rows()];
        for (int draw = 0; draw < draws; draw++) {
            LabelExpansion e = LabelExpansion.draw(forgetPool, retainPool, labels, layout, B, T, random);
            assertEquals(HALF, e.forgetSamples().length);
            assertEquals(HALF, e.forgetRows().length);
            for (int i = 0; i < HALF; i++) {
                int own = layout.rowOf(labels[e.forgetSamples()[i]]);
                assertTrue(own >= 0, "forget sample of class " + labels[e.forgetSamples()[i]] + " is in the bank");
                assertEquals(own, e.forgetRows()[i], "a forget sample is filtered by its own class's row");
                forgetByRow[own]++;
            }
            assertEquals(T * HALF, e.retainSamples().length);
            assertEquals(T * HALF, e.retainRows().length);
            for (int copy = 0; copy < T; copy++) {
                for (int i = 0; i < HALF; i++) {
                    int pair = copy * HALF + i;
                    assertEquals(e.retainSamples()[i], e.retainSamples()[pair], "copy-major: copy " + copy + ", " + i);
                    int own = layout.rowOf(labels[e.retainSamples()[pair]]);
                    int row = e.retainRows()[pair];
                    assertTrue(row >= 0 && row < layout.rows(), "row " + row);
                    assertNotEquals(own, row, "a retain pair never uses the row of its own class");
                    counts[own + 1][row]++;
                }
            }
        }
        for (int row = 0; row < layout.rows(); row++) {
            assertTrue(forgetByRow[row] > 0, "class " + layout.classOfRow(row) + " is drawn to forget");
        }
        return counts;
    }

    /** Pearson's statistic of counts against a uniform spread over {@code cells} (the zero cell skipped). */
    private static double chiSquare(long[] counts, int skipped) {
        long total = Arrays.stream(counts).sum();
        int cells = counts.length - (skipped >= 0 ? 1 : 0);
        double expected = (double) total / cells;
        double statistic = 0;
        for (int row = 0; row < counts.length; row++) {
            if (row != skipped) {
                statistic += (counts[row] - expected) * (counts[row] - expected) / expected;
            }
        }
        return statistic;
    }

    @Test
    void aFullBankPairsEachRetainSampleWithOtherRowsUniformly() throws Exception {
        BankLayout all = layout(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        long[][] counts = drawAndCheck(all, 400, 1);
        for (int own = 0; own < 10; own++) {
            long[] byRow = counts[own + 1];
            assertEquals(0, byRow[own]);
            // 9 free cells, 8 degrees of freedom: 35 is exceeded with probability < 3e-5
            double statistic = chiSquare(byRow, own);
            assertTrue(statistic < 35, "class " + own + ": rows " + Arrays.toString(byRow) + ", chi2 " + statistic);
            assertTrue(Arrays.stream(byRow).sum() > 3000, "class " + own + " retained often enough to judge");
        }
        assertEquals(0, Arrays.stream(counts[0]).sum(), "every class has a row in a full bank");
    }

    @Test
    void aPartialBankDrawsForgetSamplesOnlyFromItsClassesAndRetainRowsUniformly() throws Exception {
        BankLayout partial = layout(2, 5, 7);
        long[][] counts = drawAndCheck(partial, 400, 2);
        // classes without a row: any of the three rows, uniformly (2 degrees of freedom)
        double outside = chiSquare(counts[0], -1);
        assertTrue(outside < 21, "rows " + Arrays.toString(counts[0]) + ", chi2 " + outside);
        assertTrue(Arrays.stream(counts[0]).sum() > 20000, "classes outside the bank are retained too");
        // classes of the bank: the two other rows, uniformly (1 degree of freedom)
        for (int own = 0; own < 3; own++) {
            double statistic = chiSquare(counts[own + 1], own);
            assertTrue(statistic < 18, "class " + partial.classOfRow(own) + ": rows "
                    + Arrays.toString(counts[own + 1]) + ", chi2 " + statistic);
        }
    }

    @Test
    void eachCopyOfARetainSampleGetsAFreshRow() throws Exception {
        BankLayout all = layout(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        int[] forgetPool = LabelExpansion.forgetPool(labels, all);
        int[] retainPool = LabelExpansion.retainPool(labels, all);
        Random random = new Random(3);
        int same = 0;
        int pairs = 0;
        for (int draw = 0; draw < 400; draw++) {
            LabelExpansion e = LabelExpansion.draw(forgetPool, retainPool, labels, all, B, T, random);
            for (int i = 0; i < HALF; i++) {
                same += e.retainRows()[i] == e.retainRows()[HALF + i] ? 1 : 0;
                pairs++;
            }
        }
        // independent uniform rows among 9 agree with probability 1/9 (sd 0.0028 over 12800)
        double fraction = (double) same / pairs;
        assertEquals(1.0 / 9, fraction, 0.015, "copies 0 and 1 agree on " + same + " of " + pairs);
    }

    @Test
    void poolsAreTheBankClassesToForgetAndEverythingRetainableToRetain() throws Exception {
        BankLayout partial = layout(2, 5, 7);
        int[] expectedForget = IntStream.range(0, labels.length)
                .filter(i -> labels[i] == 2 || labels[i] == 5 || labels[i] == 7).toArray();
        assertArrayEquals(expectedForget, LabelExpansion.forgetPool(labels, partial));
        assertEquals(300, expectedForget.length);
        assertArrayEquals(IntStream.range(0, labels.length).toArray(), LabelExpansion.retainPool(labels, partial),
                "with several rows every image can be retained under another class's row");

        BankLayout one = layout(4);
        int[] retain = LabelExpansion.retainPool(labels, one);
        assertEquals(900, retain.length);
        assertTrue(Arrays.stream(retain).noneMatch(i -> labels[i] == 4), "a one-class bank cannot retain its class");
        assertArrayEquals(IntStream.range(0, labels.length).filter(i -> labels[i] == 4).toArray(),
                LabelExpansion.forgetPool(labels, one));
    }

    @Test
    void aOneClassBankForgetsOnlyItsClassAndRetainsEveryOtherUnderItsOnlyRow() throws Exception {
        BankLayout one = layout(4);
        long[][] counts = drawAndCheck(one, 200, 4);
        assertEquals(200L * T * HALF, counts[0][0], "every retain pair is of another class, under row 0");
        assertEquals(0, counts[1][0]);
    }

    // ---- the grouped batch ----

    private void checkGrouped(BankLayout layout, LabelExpansion e) {
        GroupedBatch batch = GroupedBatch.of(e, data, IDENTITY);
        assertEquals(HALF, batch.forgetCount());
        assertEquals(T * HALF, batch.retainCount());
        assertEquals(HALF + T * HALF, batch.size());
        assertEquals(batch.size() * TAG.pixelCount(), batch.pixels().length);
        int position = 0;
        int previousRow = -1;
        int forget = 0;
        int retain = 0;
        List<Integer> rowsWithPairs = new ArrayList<>();
        for (int row = 0; row < layout.rows(); row++) {
            final int r = row;
            boolean used = Arrays.stream(e.forgetRows()).anyMatch(x -> x == r)
                    || Arrays.stream(e.retainRows()).anyMatch(x -> x == r);
            if (used) {
                rowsWithPairs.add(row);
            }
        }
        assertEquals(rowsWithPairs, batch.groups().stream().map(GroupedBatch.Group::row).toList(),
                "one group per row in use, in row order");
        for (GroupedBatch.Group group : batch.groups()) {
            assertTrue(group.row() > previousRow);
            assertEquals(position, group.start(), "groups are contiguous");
            assertTrue(group.end() > group.start());
            int[] expectedForget = IntStream.range(0, HALF).filter(i -> e.forgetRows()[i] == group.row())
                    .map(i -> e.forgetSamples()[i]).sorted().toArray();
            int[] expectedRetain = IntStream.range(0, T * HALF).filter(i -> e.retainRows()[i] == group.row())
                    .map(i -> e.retainSamples()[i]).sorted().toArray();
            int[] actualForget = IntStream.range(group.start(), group.start() + group.forget())
                    .map(p -> indexAt(batch, p)).sorted().toArray();
            int[] actualRetain = IntStream.range(group.start() + group.forget(), group.end())
                    .map(p -> indexAt(batch, p)).sorted().toArray();
            assertArrayEquals(expectedForget, actualForget, "forget images of row " + group.row() + " come first");
            assertArrayEquals(expectedRetain, actualRetain, "then the retain pairs of row " + group.row());
            for (int p = group.start(); p < group.end(); p++) {
                assertEquals(labels[indexAt(batch, p)], batch.labels()[p], "label at " + p);
            }
            forget += group.forget();
            retain += group.retain();
            previousRow = group.row();
            position = group.end();
        }
        assertEquals(batch.size(), position, "the groups cover the batch");
        assertEquals(HALF, forget);
        assertEquals(T * HALF, retain);
    }

    @Test
    void theGroupedBatchIsContiguousByRowWithForgetImagesFirstAndTheRightLabels() throws Exception {
        for (int[] classes : new int[][] {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {2, 5, 7}, {4}}) {
            BankLayout layout = layout(classes);
            int[] forgetPool = LabelExpansion.forgetPool(labels, layout);
            int[] retainPool = LabelExpansion.retainPool(labels, layout);
            Random random = new Random(5);
            for (int draw = 0; draw < 50; draw++) {
                checkGrouped(layout, LabelExpansion.draw(forgetPool, retainPool, labels, layout, B, T, random));
            }
        }
    }

    @Test
    void aRowWithoutPairsHasNoGroup() {
        // rows 0 and 2 only in a three-row bank (of classes 2, 5, 7, say): row 1 has no group
        int forgetImage = IntStream.range(0, labels.length).filter(i -> labels[i] == 2).findFirst().orElseThrow();
        int other = IntStream.range(0, labels.length).filter(i -> labels[i] == 3).findFirst().orElseThrow();
        LabelExpansion e = new LabelExpansion(new int[] {forgetImage}, new int[] {0}, new int[] {other, other},
                new int[] {2, 0});
        GroupedBatch batch = GroupedBatch.of(e, data, IDENTITY);
        assertEquals(2, batch.groups().size());
        assertGroup(batch.groups().get(0), 0, 0, 1, 1);
        assertGroup(batch.groups().get(1), 2, 2, 0, 1);
        assertArrayEquals(new int[] {2, 3, 3}, batch.labels());
        assertArrayEquals(new int[] {forgetImage, other, other}, IntStream.range(0, 3).map(p -> indexAt(batch, p)).toArray());
    }

    // ---- the stratified draw (ours) ----

    @Test
    void theStratifiedDrawGivesEveryRowStillTrainingItsShareAndNeverRetainsAClassItsSetForgets() throws Exception {
        BankLayout layout = layout(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        int[] all = IntStream.range(0, labels.length).toArray();
        int[][] pools = LabelExpansion.poolsByRow(all, labels, layout);
        boolean[] frozen = new boolean[10];
        frozen[4] = true;
        frozen[7] = true;
        double[][] partners = LabelExpansion.partnerProbabilities(layout, labels, labels);
        int composed = 0;
        int sets = 0;
        Random random = new Random(3);
        for (int draw = 0; draw < 300; draw++) {
            LabelExpansion e = LabelExpansion.stratified(pools, all, labels, layout, frozen, 3, 5, 0.5, partners, random);
            assertEquals(8, e.rowSets().size(), "one set per row not frozen");
            for (int set = 0; set < e.rowSets().size(); set++) {
                int[] rows = e.rowSets().get(set);
                assertTrue(rows[0] != 4 && rows[0] != 7, "a frozen row leads no set");
                composed += rows.length == 2 ? 1 : 0;
                sets++;
                int index = set;
                int[] forget = IntStream.range(0, e.forgetRows().length).filter(i -> e.forgetRows()[i] == index)
                        .map(i -> e.forgetSamples()[i]).toArray();
                int[] retain = IntStream.range(0, e.retainRows().length).filter(i -> e.retainRows()[i] == index)
                        .map(i -> e.retainSamples()[i]).toArray();
                assertEquals(3, forget.length);
                assertEquals(5, retain.length);
                for (int sample : forget) {
                    assertTrue(Arrays.stream(rows).anyMatch(r -> layout.classOfRow(r) == labels[sample]),
                            "a forget image is of a class its set forgets");
                }
                for (int sample : retain) {
                    assertTrue(Arrays.stream(rows).noneMatch(r -> layout.classOfRow(r) == labels[sample]),
                            "a retain image is of a class its set keeps");
                }
            }
        }
        assertEquals(0.5, (double) composed / sets, 0.05, "about half the sets apply a second row");
    }

    @Test
    void partnersAreHalfUniformHalfTheOriginalModelsConfusions() throws Exception {
        BankLayout layout = layout(0, 1, 2);
        // class 0 taken for 1 three times and for 2 once; class 1 taken for 0 once; nothing else
        int[] truth = {0, 0, 0, 0, 1, 2, 2};
        int[] guess = {1, 1, 1, 2, 0, 2, 2};
        double[][] p = LabelExpansion.partnerProbabilities(layout, truth, guess);
        // confusions either way: 0-1: 4, 0-2: 1, 1-2: 0
        assertEquals(0.25 + 0.5 * 4 / 5, p[0][1], 1e-12);
        assertEquals(0.25 + 0.5 * 1 / 5, p[0][2], 1e-12);
        assertEquals(0.25 + 0.5 * 4 / 4, p[1][0], 1e-12);
        assertEquals(0.25, p[1][2], 1e-12);
        assertEquals(0.25 + 0.5, p[2][0], 1e-12);
        assertEquals(0.25, p[2][1], 1e-12);
        assertEquals(0, p[1][1]);
    }

    private static void assertGroup(GroupedBatch.Group group, int row, int start, int forget, int retain) {
        assertArrayEquals(new int[] {row}, group.rows(), "the group's rows");
        assertEquals(List.of(start, forget, retain), List.of(group.start(), group.forget(), group.retain()),
                "start, forget and retain counts");
    }
}
