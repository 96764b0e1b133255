package dev.wfnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wfnet compare} on the sample model and bank with the bundled subset: WF-Net, the original
 * and SSD (no training, so it is quick) for Sandal with two seeds; then the same command again,
 * answered from the cache.
 */
class CompareCommandTest {
    private static final String MODEL = "sample-models/small-cnn.safetensors";
    private static final String BANK = "sample-models/small-cnn-bank.safetensors";

    @TempDir
    Path out;

    @TempDir
    Path cache;

    private WfnetCommandTest.Run compare() {
        return WfnetCommandTest.wfnet("compare", MODEL, "--bank", BANK, "--data", "fashion-mnist-bundled",
                "--methods", "original,ssd", "--classes", "5", "--seeds", "2", "--cache", cache.toString(),
                "-o", out.toString());
    }

    @Test
    void writesEveryRunWithItsSeedAndSettingsAndResumesFromTheCache() throws Exception {
        WfnetCommandTest.Run run = compare();
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("compare.json"))).getAsJsonObject();
        JsonArray methods = json.getAsJsonArray("methods");
        assertEquals(List.of("wfnet", "original", "ssd"), StreamSupport.stream(methods.spliterator(), false)
                .map(m -> m.getAsJsonObject().get("method").getAsString()).toList());
        for (var method : methods) {
            for (String key : List.of("ua_mean", "ra_mean", "ta_mean", "mia_efficacy_mean", "zrf_mean",
                    "rte_seconds_mean", "avg_gap_mean")) {
                assertTrue(method.getAsJsonObject().has(key), key + " in " + method);
            }
        }
        JsonArray runs = json.getAsJsonArray("runs");
        assertEquals(6, runs.size(), "3 methods x 1 class x 2 seeds");
        Set<Long> seeds = StreamSupport.stream(runs.spliterator(), false)
                .map(r -> r.getAsJsonObject().get("seed").getAsLong()).collect(Collectors.toSet());
        assertEquals(Set.of(0L, 1L), seeds);
        JsonObject ssd = StreamSupport.stream(runs.spliterator(), false).map(r -> r.getAsJsonObject())
                .filter(r -> r.get("method").getAsString().equals("ssd")).findFirst().orElseThrow();
        assertEquals("10.0", ssd.getAsJsonObject("settings").get("ssd.alpha").getAsString());
        assertTrue(json.getAsJsonObject("context").has("wfnet_bank"));
        assertEquals("compare", json.getAsJsonObject("provenance").get("command").getAsString());
        assertEquals(1 + 6, Files.readAllLines(out.resolve("compare-runs.csv")).size());
        assertTrue(Files.readString(out.resolve("compare.md")).contains("| SSD |"));
        for (String figure : List.of("compare-metrics", "compare-time", "compare-per-class-accuracy-class-5",
                "compare-predictions-class-5", "compare-mia-histogram-class-5")) {
            for (String format : List.of("png", "svg", "pdf")) {
                assertTrue(Files.size(out.resolve(figure + "." + format)) > 0, figure + "." + format);
            }
        }
        assertTrue(run.out().contains("| WF-Net |"), run.out());

        WfnetCommandTest.Run again = compare();
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(6, again.err().lines().filter(line -> line.contains("(cached)")).count(), again.err());
    }

    @Test
    void wfnetWithoutABankAndAClassOutsideTheModelAreRefused() {
        WfnetCommandTest.Run noBank = WfnetCommandTest.wfnet("compare", MODEL, "--methods", "wfnet,ft", "--data",
                "fashion-mnist-bundled", "--no-cache", "-o", out.toString());
        assertEquals(1, noBank.exitCode());
        assertTrue(noBank.err().contains("no bank is open"), noBank.err());
        WfnetCommandTest.Run badClass = WfnetCommandTest.wfnet("compare", MODEL, "--methods", "ft", "--classes", "12",
                "--data", "fashion-mnist-bundled", "--no-cache", "-o", out.toString());
        assertEquals(1, badClass.exitCode());
        assertTrue(badClass.err().contains("class 12 is not one of the model's 10 classes"), badClass.err());
        WfnetCommandTest.Run badSetting = WfnetCommandTest.wfnet("compare", MODEL, "--methods", "ft", "--set",
                "ft.speed=3", "--data", "fashion-mnist-bundled", "--no-cache", "-o", out.toString());
        assertEquals(1, badSetting.exitCode());
        assertTrue(badSetting.err().contains("unknown setting 'ft.speed'"), badSetting.err());
    }
}
