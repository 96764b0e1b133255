package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Provenance;
import dev.wfnet.unlearn.BankCheckpoint;
import dev.wfnet.unlearn.Granularity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers behind the analyses, as the files a researcher opens next to the figures. */
class AlphaReportTest {

    @Test
    void writesJsonAndCsvWithTheKnownAnswers(@TempDir Path dir) throws Exception {
        AlphaView view = AlphaView.of(HandMadeBanks.rowThreeSwitchesOffFiveFilters(Granularity.WEIGHT));
        AlphaReport report = AlphaReport.analyse(view, ExplainSettings.defaults());
        Provenance provenance = new Provenance("explain", Map.of("model", HandMadeBanks.MODEL_SHA), 42L,
                Map.of("threshold", "0.5"), Map.of("java", "17"), java.time.Instant.parse("2024-01-01T00:00:00Z"), 1.5);
        report.writeTo(dir, provenance);
        for (String file : AlphaReport.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(AlphaReport.FILES.size(), listing.count(), "no temporary files are left behind");
        }

        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("alpha-analysis.json")))
                .getAsJsonObject();
        assertEquals(HandMadeBanks.MODEL_SHA, json.getAsJsonObject("bank").get("model_sha256").getAsString());
        assertEquals(provenance, Provenance.fromJson(json.getAsJsonObject("provenance")));
        assertEquals("weight", json.getAsJsonObject("bank").get("granularity").getAsString());
        assertEquals(0.5, json.getAsJsonObject("settings").get("threshold").getAsDouble());
        assertEquals("lowest-alpha", json.getAsJsonObject("settings").get("ranking").getAsString());
        JsonObject row3 = json.getAsJsonObject("layer_statistics").getAsJsonArray("rows").get(3).getAsJsonObject();
        assertEquals("bag, leather", row3.get("name").getAsString());
        assertEquals(0.625, row3.getAsJsonArray("layers").get(0).getAsJsonObject().get("fraction_below")
                .getAsDouble());
        assertEquals("[0,1,2,3]", json.getAsJsonObject("class_similarity").getAsJsonObject("clustering")
                .getAsJsonArray("order").toString());
        JsonObject conv = json.getAsJsonObject("class_filter_map").getAsJsonArray("layers").get(0).getAsJsonObject();
        assertEquals(5, conv.get("exclusive").getAsInt());
        assertEquals(5, conv.getAsJsonArray("rows").get(3).getAsJsonObject().getAsJsonArray("top_filters").size());

        List<String> statistics = Files.readAllLines(dir.resolve("layer-statistics.csv"));
        assertEquals(1 + 4 * 2, statistics.size());
        assertTrue(statistics.contains("3,3,\"bag, leather\",conv1.weight,144,0.500000,0.625000,0.531250,8,5"),
                String.join("\n", statistics));
        List<String> filters = Files.readAllLines(dir.resolve("filter-scores.csv"));
        assertEquals(1 + 4 * (8 + 4), filters.size());
        assertTrue(filters.contains("3,3,\"bag, leather\",conv1.weight,4,0.250000,0.750000"));
        assertTrue(filters.contains("0,0,T-shirt,conv1.weight,4,1.000000,-0.250000"));
        List<String> map = Files.readAllLines(dir.resolve("class-filter-map.csv"));
        assertEquals(List.of("row,class,name,layer,rank,filter,mean_alpha,specificity",
                "3,3,\"bag, leather\",conv1.weight,1,0,0.250000,0.750000"), map.subList(0, 2));
        assertEquals(1 + 5, map.size());
        assertEquals(List.of("layer,filters,threshold,exclusive,shared,untouched", "conv1.weight,8,0.500000,5,0,3",
                "fc.weight,4,0.500000,0,0,4"), Files.readAllLines(dir.resolve("filter-sharing.csv")));
        List<String> similarity = Files.readAllLines(dir.resolve("class-similarity.csv"));
        assertEquals(1 + 16, similarity.size());
        assertTrue(similarity.contains("0,0,T-shirt,3,3,\"bag, leather\",0.000000,0.000000"));
    }

    @Test
    void aBankWhoseAlphasDoNotMatchItsLayoutIsRefused() {
        BankCheckpoint good = HandMadeBanks.rowThreeSwitchesOffFiveFilters(Granularity.FILTER);
        Map<String, HostTensor> alphas = new LinkedHashMap<>(good.alphas());
        alphas.put(HandMadeBanks.CONV, new HostTensor(new long[] {4, 8}, new float[32]));
        BankCheckpoint bad = new BankCheckpoint(good.layout(), good.modelSha256(), good.classNames(), good.config(),
                good.step(), alphas, Map.of(), Map.of(), good.provenance());
        WfnetException error = assertThrows(WfnetException.class, () -> AlphaView.of(bad));
        assertTrue(error.getMessage().contains("conv1.weight"), error.getMessage());
        alphas.remove(HandMadeBanks.CONV);
        BankCheckpoint missing = new BankCheckpoint(good.layout(), good.modelSha256(), good.classNames(),
                good.config(), good.step(), alphas, Map.of(), Map.of(), good.provenance());
        assertThrows(WfnetException.class, () -> AlphaView.of(missing));
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExplainSettings(0, 5, FilterRanking.LOWEST_ALPHA));
        assertThrows(IllegalArgumentException.class, () -> new ExplainSettings(0.5, 0, FilterRanking.LOWEST_ALPHA));
        assertEquals(FilterRanking.HIGHEST_SPECIFICITY, FilterRanking.parse("highest-specificity"));
    }
}
