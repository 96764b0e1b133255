package dev.wfnet.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.io.Csv;

/**
 * How alike the bank's rows are: which classes are forgotten by switching off the same weights.
 * Both measures run over every filtered layer's alphas concatenated (at weight granularity, one
 * entry per weight; at filter granularity, one per filter).
 * <ul>
 *   <li>cosine similarity of the {@code 1 - alpha} vectors: 1 when two rows remove the same
 *       weights in the same proportions, 0 when they touch disjoint weights. Two rows that remove
 *       nothing count as identical (1); a row that removes nothing and one that does, as 0.</li>
 *   <li>Jaccard similarity of the sets of alphas strictly below the threshold: |A n B| / |A u B|,
 *       1 for two empty sets.</li>
 * </ul>
 * The display order clusters rows by average linkage on the cosine distance {@code 1 - cosine}.
 *
 * @param rows who the bank rows are
 * @param threshold the switched-off threshold of the Jaccard sets
 * @param cosine {@code rows x rows} cosine similarities
 * @param jaccard {@code rows x rows} Jaccard similarities
 * @param clustering the average-linkage dendrogram of the cosine distances
 */
public record ClassSimilarity(BankRows rows, double threshold, double[][] cosine, double[][] jaccard,
                              Dendrogram clustering) {

    public ClassSimilarity {
        cosine = FilterScores.deepCopy(cosine);
        jaccard = FilterScores.deepCopy(jaccard);
        if (cosine.length != rows.size() || jaccard.length != rows.size() || clustering.leaves() != rows.size()) {
            throw new IllegalArgumentException("similarities must be " + rows.size() + " x " + rows.size());
        }
    }

    public static ClassSimilarity compute(AlphaView view, double threshold) {
        ExplainSettings.checkThreshold(threshold);
        int n = view.rowCount();
        double[][] dot = new double[n][n];
        long[][] intersection = new long[n][n];
        long[] offCount = new long[n];
        for (LayerAlphas layer : view.layers()) {
            float[] values = layer.values();
            int perRow = layer.alphasPerRow();
            for (int a = 0; a < n; a++) {
                int startA = layer.rowStart(a);
                for (int b = a; b < n; b++) {
                    int startB = layer.rowStart(b);
                    double sum = 0;
                    long both = 0;
                    for (int i = 0; i < perRow; i++) {
                        float alphaA = values[startA + i];
                        float alphaB = values[startB + i];
                        sum += (1.0 - alphaA) * (1.0 - alphaB);
                        if (alphaA < threshold && alphaB < threshold) {
                            both++;
                        }
                    }
                    dot[a][b] += sum;
                    intersection[a][b] += both;
                }
                offCount[a] += layer.countBelow(a, threshold);
            }
        }
        double[][] cosine = new double[n][n];
        double[][] jaccard = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double normA = Math.sqrt(dot[a][a]);
                double normB = Math.sqrt(dot[b][b]);
                double c;
                if (normA == 0 || normB == 0) {
                    c = normA == 0 && normB == 0 ? 1 : 0;
                } else {
                    c = Math.min(1, dot[a][b] / (normA * normB));
                }
                long union = offCount[a] + offCount[b] - intersection[a][b];
                double j = union == 0 ? 1 : (double) intersection[a][b] / union;
                cosine[a][b] = c;
                cosine[b][a] = c;
                jaccard[a][b] = j;
                jaccard[b][a] = j;
            }
        }
        return new ClassSimilarity(view.rows(), threshold, cosine, jaccard,
                AverageLinkage.cluster(distances(cosine)));
    }

    /** {@code 1 - similarity}, the input of the clustering. */
    public static double[][] distances(double[][] similarity) {
        double[][] distance = new double[similarity.length][];
        for (int i = 0; i < similarity.length; i++) {
            distance[i] = new double[similarity[i].length];
            for (int j = 0; j < similarity[i].length; j++) {
                distance[i][j] = i == j ? 0 : 1 - similarity[i][j];
            }
        }
        return distance;
    }

    public double cosine(int a, int b) {
        return cosine[a][b];
    }

    public double jaccard(int a, int b) {
        return jaccard[a][b];
    }

    /** The rows in display order: similar classes together. */
    public int[] order() {
        return clustering.leafOrder();
    }

    /** A copy of the cosine similarities. */
    @Override
    public double[][] cosine() {
        return FilterScores.deepCopy(cosine);
    }

    /** A copy of the Jaccard similarities. */
    @Override
    public double[][] jaccard() {
        return FilterScores.deepCopy(jaccard);
    }

    /** A matrix with rows and columns permuted into an order (e.g. {@link #order()}). */
    public static double[][] reorder(double[][] matrix, int[] order) {
        double[][] result = new double[order.length][order.length];
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < order.length; j++) {
                result[i][j] = matrix[order[i]][order[j]];
            }
        }
        return result;
    }

    /** One line per ordered pair of rows (tidy form, easy to pivot). */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("row_a,class_a,name_a,row_b,class_b,name_b,cosine,jaccard\n");
        for (int a = 0; a < rows.size(); a++) {
            for (int b = 0; b < rows.size(); b++) {
                csv.append(a).append(',').append(rows.modelClass(a)).append(',').append(Csv.quote(rows.name(a)))
                        .append(',').append(b).append(',').append(rows.modelClass(b)).append(',')
                        .append(Csv.quote(rows.name(b))).append(',').append(Csv.number(cosine[a][b])).append(',')
                        .append(Csv.number(jaccard[a][b])).append('\n');
            }
        }
        return csv.toString();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("threshold", threshold);
        JsonArray names = new JsonArray();
        rows.names().forEach(names::add);
        json.add("names", names);
        json.add("cosine", matrix(cosine));
        json.add("jaccard", matrix(jaccard));
        JsonObject clusteringJson = new JsonObject();
        clusteringJson.addProperty("method", "average linkage on 1 - cosine");
        JsonArray order = new JsonArray();
        for (int row : order()) {
            order.add(row);
        }
        clusteringJson.add("order", order);
        JsonArray merges = new JsonArray();
        for (Dendrogram.Merge merge : clustering.merges()) {
            JsonArray entry = new JsonArray();
            entry.add(merge.left());
            entry.add(merge.right());
            entry.add(merge.distance());
            entry.add(merge.size());
            merges.add(entry);
        }
        clusteringJson.add("merges", merges);
        json.add("clustering", clusteringJson);
        return json;
    }

    private static JsonArray matrix(double[][] values) {
        JsonArray matrix = new JsonArray();
        for (double[] row : values) {
            JsonArray line = new JsonArray();
            for (double value : row) {
                line.add(value);
            }
            matrix.add(line);
        }
        return matrix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassSimilarity that && rows.equals(that.rows) && threshold == that.threshold
                && java.util.Arrays.deepEquals(cosine, that.cosine) && java.util.Arrays.deepEquals(jaccard, that.jaccard)
                && clustering.equals(that.clustering);
    }

    @Override
    public int hashCode() {
        return rows.hashCode() * 31 + java.util.Arrays.deepHashCode(cosine);
    }

    @Override
    public String toString() {
        return "ClassSimilarity[" + rows.size() + " rows, order " + java.util.Arrays.toString(order()) + "]";
    }
}
