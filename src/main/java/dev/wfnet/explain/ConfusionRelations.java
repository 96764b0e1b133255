package dev.wfnet.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.eval.ConfusionMatrix;
import dev.wfnet.io.Csv;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Whether the bank sees the relations the model itself shows: classes whose rows switch off the
 * same weights (cosine of {@code 1 - alpha}) should be the classes the original model confuses
 * ({@link ConfusionMatrix#similarity()}). Measured by Spearman's rho over every pair of bank rows.
 *
 * <p>The pairs share classes, so they are not independent and the textbook p-value of rho would
 * be too small. The p-value here is a Mantel permutation test instead: the class labels of the
 * confusion matrix are shuffled (rows and columns together), which keeps its structure and breaks
 * only its link to the bank. One-sided, because the hypothesis is a positive relation:
 * {@code p = (1 + #{rho_perm >= rho}) / (1 + permutations)}.
 *
 * @param pairs every pair of bank rows, {@code a < b}
 * @param rho Spearman's rho of bank cosine against confusion similarity over the pairs
 * @param pValue the one-sided permutation p-value of rho
 * @param permutations how many shuffles the p-value used
 * @param seed the seed of the shuffles
 */
public record ConfusionRelations(List<Pair> pairs, double rho, double pValue, int permutations, long seed) {
    public static final int DEFAULT_PERMUTATIONS = 10_000;

    /**
     * One pair of classes.
     *
     * @param classA the first class (model class index)
     * @param nameA its name
     * @param classB the second class
     * @param nameB its name
     * @param bankCosine the cosine similarity of the two bank rows
     * @param confusionSimilarity the symmetrised confusion rate of the two classes
     */
    public record Pair(int classA, String nameA, int classB, String nameB, double bankCosine,
                       double confusionSimilarity) {
    }

    public ConfusionRelations {
        pairs = List.copyOf(pairs);
    }

    /** Pairs the bank's rows with the model's confusion and tests the rank correlation. */
    public static ConfusionRelations compute(ClassSimilarity bank, ConfusionMatrix confusion, int permutations,
                                             long seed) {
        if (permutations < 0) {
            throw new IllegalArgumentException("permutations must be >= 0, got " + permutations);
        }
        BankRows rows = bank.rows();
        int n = rows.size();
        for (int row = 0; row < n; row++) {
            if (rows.modelClass(row) >= confusion.size()) {
                throw new IllegalArgumentException("bank row " + row + " forgets class " + rows.modelClass(row)
                        + ", the confusion matrix has " + confusion.size() + " classes");
            }
        }
        double[][] cosine = bank.cosine();
        double[][] confusionSimilarity = confusion.similarity();
        int[] identity = java.util.stream.IntStream.range(0, n).toArray();
        double[] bankValues = upperTriangle(cosine, identity);
        double[] confusionValues = confusionPairs(confusionSimilarity, rows, identity);
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0, k = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++, k++) {
                pairs.add(new Pair(rows.modelClass(a), rows.name(a), rows.modelClass(b), rows.name(b), bankValues[k],
                        confusionValues[k]));
            }
        }
        double rho = RankCorrelation.spearman(bankValues, confusionValues);
        Random random = new Random(seed);
        int atLeast = 0;
        int[] shuffled = identity.clone();
        for (int p = 0; p < permutations; p++) {
            shuffle(shuffled, random);
            double permuted = RankCorrelation.spearman(bankValues, confusionPairs(confusionSimilarity, rows, shuffled));
            atLeast += permuted >= rho ? 1 : 0;
        }
        double pValue = Double.isNaN(rho) ? Double.NaN : (1.0 + atLeast) / (1.0 + permutations);
        return new ConfusionRelations(pairs, rho, pValue, permutations, seed);
    }

    private static double[] upperTriangle(double[][] matrix, int[] order) {
        int n = order.length;
        double[] values = new double[n * (n - 1) / 2];
        for (int a = 0, k = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++, k++) {
                values[k] = matrix[order[a]][order[b]];
            }
        }
        return values;
    }

    /** The confusion similarity of each row pair, after relabelling the rows by {@code order}. */
    private static double[] confusionPairs(double[][] similarity, BankRows rows, int[] order) {
        int[] classes = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            classes[i] = rows.modelClass(order[i]);
        }
        return upperTriangle(similarity, classes);
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    public double[] bankCosines() {
        return pairs.stream().mapToDouble(Pair::bankCosine).toArray();
    }

    public double[] confusionSimilarities() {
        return pairs.stream().mapToDouble(Pair::confusionSimilarity).toArray();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("measure", "Spearman rho (average ranks for ties) of bank cosine similarity (1 - alpha)"
                + " against confusion similarity (C[i][j]/n_i + C[j][i]/n_j)/2 of the original model, over class pairs");
        json.addProperty("pairs", pairs.size());
        json.addProperty("spearman_rho", rho);
        json.addProperty("p_value", pValue);
        json.addProperty("p_value_test", "one-sided Mantel permutation (class labels of the confusion matrix shuffled)");
        json.addProperty("permutations", permutations);
        json.addProperty("seed", seed);
        JsonArray list = new JsonArray();
        for (Pair pair : pairs) {
            JsonObject entry = new JsonObject();
            entry.addProperty("class_a", pair.classA());
            entry.addProperty("name_a", pair.nameA());
            entry.addProperty("class_b", pair.classB());
            entry.addProperty("name_b", pair.nameB());
            entry.addProperty("bank_cosine", pair.bankCosine());
            entry.addProperty("confusion_similarity", pair.confusionSimilarity());
            list.add(entry);
        }
        json.add("pair_similarities", list);
        return json;
    }

    /** One line per pair. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("class_a,name_a,class_b,name_b,bank_cosine,confusion_similarity\n");
        for (Pair pair : pairs) {
            csv.append(pair.classA()).append(',').append(Csv.quote(pair.nameA())).append(',').append(pair.classB())
                    .append(',').append(Csv.quote(pair.nameB())).append(',').append(Csv.number(pair.bankCosine()))
                    .append(',').append(Csv.number(pair.confusionSimilarity())).append('\n');
        }
        return csv.toString();
    }
}
