package dev.wfnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.data.DatasetCatalog;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.GlyphDigits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.Provenance;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.SmallCnn;
import dev.wfnet.model.TorchRuntime;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: exit codes, what goes to standard output and error, the files written. */
class WfnetCommandTest {
    private static final ImageShape INPUT = new ImageShape(1, 28, 28);

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;

    record Run(int exitCode, String out, String err) {
    }

    static Run wfnet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WfnetCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** SHA-256 of byte arrays one after another, in hex, computed here rather than by the code under test. */
    private static String sha256(byte[]... parts) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** What a report's provenance must say it read: a data split hashed as its labels (big-endian ints), then pixels. */
    private static String splitHash(ImageDataset split) throws Exception {
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(4 * split.size());
        for (int i = 0; i < split.size(); i++) {
            labels.putInt(split.label(i));
        }
        return sha256(labels.array(), split.pixels());
    }

    private static void assertProvenance(JsonObject report, String command, Map<String, String> inputs,
                                         Map<String, String> configuration) {
        JsonObject provenance = report.getAsJsonObject("provenance");
        Provenance read = Provenance.fromJson(provenance);
        assertEquals(command, read.command());
        assertEquals(inputs, read.inputs());
        assertEquals(configuration, read.configuration());
        assertTrue(read.versions().get("engine").startsWith("PyTorch"), read.versions().toString());
        assertTrue(read.durationSeconds() > 0 && read.durationSeconds() < 600, provenance.toString());
    }

    @BeforeAll
    static void writeModel() throws Exception {
        Architecture architecture = new SmallCnn(INPUT, 10);
        Provenance provenance = new Provenance("test", Map.of(), 5L, Map.of(), Map.of(),
                Instant.parse("2024-01-01T00:00:00Z"), 0.0);
        model = shared.resolve("small-cnn.safetensors");
        try (NDManager manager = TorchRuntime.newManager()) {
            ModelCheckpoint.of(architecture, Normalization.fashionMnist(), FashionMnist.CLASS_NAMES,
                    NetworkWeights.initialise(architecture, manager, 5L), provenance).write(model);
        }
    }

    // ---- the command line itself ----

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        Run run = wfnet("--help");
        assertEquals(ExitCodes.OK, run.exitCode());
        for (String command : List.of("pretrain", "evaluate", "predict", "info", "make-dataset", "bench", "help")) {
            assertTrue(run.out().lines().anyMatch(line -> line.trim().startsWith(command + " ")
                    || line.trim().equals(command)), command + " missing from:\n" + run.out());
        }
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("130  cancelled"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void noArgumentsPrintsTheUsageToTheGivenOutput() {
        Run run = wfnet();
        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.out().startsWith("Usage: wfnet"), run.out());
    }

    @Test
    void versionNamesTheProgram() {
        Run run = wfnet("--version");
        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.out().startsWith("wfnet "), run.out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run run = wfnet("--bogus");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(2, ExitCodes.USAGE);
        assertTrue(run.err().contains("Unknown option: '--bogus'"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnknownOptionOfASubcommandIsAUsageError() {
        Run run = wfnet("info", model.toString(), "--verbose-please");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Unknown option: '--verbose-please'"), run.err());
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Run run = wfnet("pretrain", "--arch", "small-cnn");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Missing required option: '--out=<out>'"), run.err());
    }

    // ---- info ----

    @Test
    void infoPrintsTheArchitectureAndTheParameterTable() throws Exception {
        Run run = wfnet("info", model.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(model)));
        assertTrue(lines.contains("sha256        " + sha256), run.out());
        assertTrue(lines.contains("architecture  small-cnn"), run.out());
        assertTrue(lines.contains("input         1x28x28, mean [0.286] std [0.353]"), run.out());
        assertTrue(lines.contains("classes       10: " + String.join(", ", FashionMnist.CLASS_NAMES)), run.out());
        assertTrue(lines.contains("parameters    421,642 trainable"), run.out());
        // name, shape, elements of every row, checked against the small CNN's layer arithmetic
        String[][] rows = {
            {"conv1.weight", "32x1x3x3", "288"}, {"conv1.bias", "32", "32"},
            {"conv2.weight", "64x32x3x3", "18,432"}, {"conv2.bias", "64", "64"},
            {"fc1.weight", "128x3136", "401,408"}, {"fc1.bias", "128", "128"},
            {"fc2.weight", "10x128", "1,280"}, {"fc2.bias", "10", "10"},
        };
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("parameter ")).findFirst().orElseThrow());
        assertTrue(lines.get(header).matches("parameter\\s+shape\\s+role\\s+elements\\s+filtered"), lines.get(header));
        for (int i = 0; i < rows.length; i++) {
            String[] cells = lines.get(header + 1 + i).trim().split("\\s+");
            assertEquals(rows[i][0], cells[0], lines.get(header + 1 + i));
            assertEquals(rows[i][1], cells[1], lines.get(header + 1 + i));
            assertTrue(Arrays.asList(cells).contains(rows[i][2]), lines.get(header + 1 + i));
        }
        assertTrue(run.out().contains("\"command\": \"test\""), "provenance printed:\n" + run.out());
    }

    @Test
    void infoAsJson() {
        Run run = wfnet("info", "--json", model.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("small-cnn", json.get("architecture").getAsString());
        assertEquals(421_642, json.get("trainable_parameters").getAsLong());
        JsonArray parameters = json.getAsJsonArray("parameters");
        assertEquals(8, parameters.size());
        long sum = 0;
        for (int i = 0; i < parameters.size(); i++) {
            sum += parameters.get(i).getAsJsonObject().get("elements").getAsLong();
        }
        assertEquals(421_642, sum);
    }

    @Test
    void infoOnATruncatedFileFailsWithTheReasonOnStandardError() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 1000));

        Run run = wfnet("info", cut.toString());

        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("wfnet: " + cut + " is truncated: tensor 'fc2."), run.err());
        assertEquals(1, run.err().lines().count(), "one line, no stack trace:\n" + run.err());
        assertEquals("", run.out());
    }

    @Test
    void infoOnAMissingFileAndAPickleFileFails() throws Exception {
        Path missing = dir.resolve("missing.safetensors");
        Run run = wfnet("info", missing.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals("wfnet: " + missing + ": no such file", run.err().trim());

        Path pickle = Files.write(dir.resolve("model.pth"), new byte[] {(byte) 0x80, 2});
        run = wfnet("info", pickle.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals("wfnet: " + pickle + " is a pickle file, which can run arbitrary code when loaded, and is not"
                + " opened directly; bring PyTorch weights in with 'wfnet import " + pickle + " -o MODEL.safetensors'"
                + " (it reads the tensors without running the pickle), or save them as .safetensors"
                + " (safetensors.torch.save_file) and import that" + System.lineSeparator(), run.err());
    }

    // ---- evaluate ----

    @Test
    void evaluateWritesJsonAndCsvWhoseAccuracyMatchesAnIndependentCount() throws Exception {
        Path out = dir.resolve("report");
        Run run = wfnet("evaluate", model.toString(), "--data", "fashion-mnist-bundled", "-o", out.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());

        ImageDataset test = FashionMnist.loadBundled().test();
        int[] predictions;
        try (LoadedModel loaded = LoadedModel.open(model)) {
            predictions = loaded.classifier().predict(test, CancellationToken.none());
        }
        int correct = 0;
        int[] correctByClass = new int[10];
        int[] imagesByClass = new int[10];
        for (int i = 0; i < test.size(); i++) {
            imagesByClass[test.label(i)]++;
            if (predictions[i] == test.label(i)) {
                correct++;
                correctByClass[test.label(i)]++;
            }
        }
        double accuracy = correct / 2000.0;

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("evaluation.json"))).getAsJsonObject();
        assertEquals("fashion-mnist-bundled/test", json.get("dataset").getAsString());
        assertEquals(2000, json.get("images").getAsInt());
        assertEquals(accuracy, json.get("overall_accuracy").getAsDouble());
        JsonArray classes = json.getAsJsonArray("classes");
        for (int c = 0; c < 10; c++) {
            JsonObject row = classes.get(c).getAsJsonObject();
            assertEquals(FashionMnist.CLASS_NAMES.get(c), row.get("name").getAsString());
            assertEquals(imagesByClass[c], row.get("images").getAsInt());
            assertEquals(200, row.get("images").getAsInt());
            assertEquals(correctByClass[c], row.get("correct").getAsInt(), "class " + c);
        }

        List<String> csv = Files.readAllLines(out.resolve("evaluation.csv"));
        assertEquals(12, csv.size());
        assertEquals("class,name,images,correct,accuracy", csv.get(0));
        for (int c = 0; c < 10; c++) {
            assertEquals(c + "," + FashionMnist.CLASS_NAMES.get(c) + ",200," + correctByClass[c] + ","
                    + String.format(Locale.ROOT, "%.6f", correctByClass[c] / 200.0), csv.get(c + 1));
        }
        assertEquals(",overall,2000," + correct + "," + String.format(Locale.ROOT, "%.6f", accuracy), csv.get(11));

        assertTrue(run.out().contains(String.format(Locale.ROOT, "| | **overall** | 2000 | **%.2f%%** |",
                100 * accuracy)), run.out());
        assertTrue(run.out().contains("wrote " + out.resolve("evaluation.json")), run.out());
        assertProvenance(json, "evaluate", Map.of("model", sha256(Files.readAllBytes(model)),
                "test:fashion-mnist-bundled/test", splitHash(test)), Map.of("data", "fashion-mnist-bundled",
                "split", "test"));
    }

    @Test
    void evaluateRefusesAnUnknownSplit() {
        Run run = wfnet("evaluate", model.toString(), "--data", "fashion-mnist-bundled", "--split", "validation");
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals("wfnet: split must be 'test' or 'train', not 'validation'", run.err().trim());
    }

    // ---- predict ----

    @Test
    void predictPrintsTopClassesInDescendingOrderForEachImage() throws Exception {
        DatasetSplits bundled = FashionMnist.loadBundled();
        ImageDataset test = bundled.test();
        // a grey 28x28 PNG of test image 0, stored exactly, and an RGB image of another size
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                grey.getRaster().setSample(x, y, 0, test.pixel(0, y * 28 + x));
            }
        }
        Path greyPng = dir.resolve("grey image.png");
        ImageIO.write(grey, "png", greyPng.toFile());
        BufferedImage colour = new BufferedImage(40, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 40; x++) {
                colour.setRGB(x, y, (x * 6) << 16 | (y * 4) << 8 | ((x + y) % 256));
            }
        }
        Path colourPng = dir.resolve("colour.png");
        ImageIO.write(colour, "png", colourPng.toFile());

        Run run = wfnet("predict", model.toString(), greyPng.toString(), colourPng.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        List<Path> images = List.of(greyPng, colourPng);
        List<List<String>> names = new ArrayList<>();
        List<double[]> shown = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String[] cells = lines.get(i).split("\t");
            assertEquals(images.get(i).toString(), cells[0]);
            assertEquals(4, cells.length, "three classes by default: " + lines.get(i));
            List<String> lineNames = new ArrayList<>();
            double[] probabilities = new double[3];
            for (int k = 0; k < 3; k++) {
                int space = cells[k + 1].lastIndexOf(' ');
                lineNames.add(cells[k + 1].substring(0, space));
                probabilities[k] = Double.parseDouble(cells[k + 1].substring(space + 1));
                assertTrue(FashionMnist.CLASS_NAMES.contains(lineNames.get(k)), lineNames.get(k));
                assertTrue(probabilities[k] >= 0 && probabilities[k] <= 1);
            }
            assertTrue(probabilities[0] >= probabilities[1] && probabilities[1] >= probabilities[2],
                    "descending: " + lines.get(i));
            // printed to 4 decimals: the sum may exceed the true sum by 3 half-units of rounding
            assertTrue(Arrays.stream(probabilities).sum() <= 1 + 1.5e-4, lines.get(i));
            assertEquals(3, lineNames.stream().distinct().count());
            names.add(lineNames);
            shown.add(probabilities);
        }

        // the grey image's probabilities, computed from the dataset's own bytes, not from the PNG
        float[] expected;
        try (LoadedModel loaded = LoadedModel.open(model)) {
            expected = loaded.classifier().probabilities(test.subset("first", new int[] {0}),
                    CancellationToken.none())[0];
        }
        Integer[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Arrays.sort(order, (a, b) -> Float.compare(expected[b], expected[a]));
        for (int k = 0; k < 3; k++) {
            assertEquals(expected[order[k]], shown.get(0)[k], 5.1e-5, "rank " + k);
            if (k == 0 || expected[order[k]] != expected[order[k - 1]]) {
                assertEquals(FashionMnist.CLASS_NAMES.get(order[k]), names.get(0).get(k), "rank " + k);
            }
        }
    }

    @Test
    void predictWithTopOneAndAFileThatIsNotAnImage() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        Run run = wfnet("predict", model.toString(), text.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals("wfnet: " + text + " is not an image this workbench reads (PNG, JPEG, BMP, GIF)",
                run.err().trim());

        BufferedImage black = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Path png = dir.resolve("black.png");
        ImageIO.write(black, "png", png.toFile());
        run = wfnet("predict", "--top", "1", model.toString(), png.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(2, run.out().trim().split("\t").length, run.out());
    }

    // ---- bench ----

    @Test
    void benchNamesTheConvolutionKernelAndComparesLayoutsAtEachBatchSize() {
        Run run = wfnet("bench", "--arch", "mlp", "--steps", "1", "--images", "20", "--inference-batches", "5,10",
                "--rounds", "1");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("convolution kernel, NCHW input: ")), run.out());
        assertTrue(run.out().contains("| architecture | memory layout | batch 5 | batch 10 |"), run.out());
        for (String layout : List.of("CONTIGUOUS", "CHANNELS_LAST")) {
            assertTrue(run.out().lines().anyMatch(line -> line.matches("\\| mlp\\S* \\| " + layout
                    + " \\| \\d+ \\| \\d+ \\|")), layout + " row missing from:\n" + run.out());
        }
        Run bad = wfnet("bench", "--arch", "mlp", "--inference-batches", "0");
        assertEquals(ExitCodes.FAILED, bad.exitCode());
        assertTrue(bad.err().contains("--inference-batches"), bad.err());
    }

    // ---- pretrain ----

    @Test
    void pretrainWritesAReadableCheckpoint() throws Exception {
        Path out = dir.resolve("models/quick.safetensors");

        Run run = wfnet("pretrain", "--arch", "small-cnn", "--data", "fashion-mnist-bundled", "--train-limit", "512",
                "--epochs", "1", "-o", out.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("wrote " + out + ": test accuracy "), run.out());
        assertTrue(run.err().startsWith("training small-cnn (421,642 parameters) on fashion-mnist-bundled/train[:512]"
                + " (512 images"), run.err());
        ModelCheckpoint checkpoint = ModelCheckpoint.read(out);
        assertEquals("small-cnn", checkpoint.architecture().id());
        assertEquals(INPUT, checkpoint.inputShape());
        assertEquals(FashionMnist.CLASS_NAMES, checkpoint.classNames());
        assertEquals(Normalization.fashionMnist(), checkpoint.normalization());
        assertEquals("pretrain", checkpoint.provenance().command());
        assertEquals(42L, checkpoint.provenance().seed());
        assertEquals("1", checkpoint.provenance().configuration().get("epochs"));
        assertTrue(checkpoint.provenance().inputs().containsKey("train:fashion-mnist-bundled/train[:512]"),
                checkpoint.provenance().inputs().toString());
        assertArrayEquals(new long[] {10, 128}, checkpoint.tensors().get("fc2.weight").shape());

        try (LoadedModel loaded = LoadedModel.open(out)) {
            double accuracy = loaded.classifier().accuracy(FashionMnist.loadBundled().test(), CancellationToken.none());
            assertTrue(run.out().contains(String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * accuracy)),
                    accuracy + " vs " + run.out());
        }
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of("quick.safetensors"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void pretrainRefusesANonPositiveTrainLimitAndInvalidSettings() {
        Path out = dir.resolve("never.safetensors");
        Run run = wfnet("pretrain", "--arch", "small-cnn", "--data", "fashion-mnist-bundled", "--train-limit", "0",
                "-o", out.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals("wfnet: --train-limit must be a positive number of images, not 0", run.err().trim());

        run = wfnet("pretrain", "--arch", "small-cnn", "--data", "fashion-mnist-bundled", "--epochs", "0",
                "-o", out.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals("wfnet: --epochs must be a whole number of at least 1, not '0'", run.err().trim());
        assertTrue(Files.notExists(out));
    }

    @Test
    void pretrainRefusesAnUnknownArchitecture() {
        Run run = wfnet("pretrain", "--arch", "tiny-net", "--data", "fashion-mnist-bundled", "-o",
                dir.resolve("x.safetensors").toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("wfnet: unknown architecture 'tiny-net'"), run.err());
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }

    // ---- make-dataset ----

    @Test
    void makeDatasetWritesGlyphsThatOpenAsIdxWithTheirProvenance() throws Exception {
        Path out = dir.resolve("glyphs");

        Run run = wfnet("make-dataset", "glyphs", "-o", out.toString(), "--seed", "3", "--train", "120", "--test", "40");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("wrote glyphs/train (120 images of 1x28x28, 10 classes) and glyphs/test"
                + " (40 images"), run.out());
        assertTrue(run.out().trim().endsWith("open it as idx:" + out), run.out());
        DatasetSplits read = DatasetCatalog.load("idx:" + out, null);
        DatasetSplits expected = GlyphDigits.generate(3, 120, 40);
        assertArrayEquals(expected.train().pixels(), read.train().pixels());
        assertArrayEquals(expected.train().labels(), read.train().labels());
        assertArrayEquals(expected.test().pixels(), read.test().pixels());
        JsonObject provenance = JsonParser.parseString(Files.readString(out.resolve("provenance.json")))
                .getAsJsonObject();
        assertEquals("make-dataset", provenance.get("command").getAsString());
        assertEquals(3, provenance.get("seed").getAsLong());
        JsonObject configuration = provenance.getAsJsonObject("configuration");
        assertEquals("120", configuration.get("train").getAsString());
        assertTrue(configuration.get("fonts").getAsString().contains("Serif.bolditalic"), configuration.toString());
        try (var files = Files.list(out)) {
            assertEquals(List.of("provenance.json", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void makeDatasetRefusesAnUnknownKindAndAnEmptySplit() {
        Run run = wfnet("make-dataset", "letters", "-o", dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("letters"), run.err());

        run = wfnet("make-dataset", "glyphs", "-o", dir.resolve("y").toString(), "--test", "0");
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("wfnet: a glyph dataset needs at least one training and one test image"),
                run.err());
        assertTrue(Files.notExists(dir.resolve("y")));
    }

    // ---- untrain and forget ----

    /** The help text without white space: picocli wraps lines, even inside "1.0E-6". */
    private static String helpWithoutSpaces(String command) {
        Run run = wfnet(command, "--help");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return withoutSpaces(run.out());
    }

    private static String withoutSpaces(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static void assertHelpSays(String help, String text) {
        assertTrue(help.contains(withoutSpaces(text)), "no '" + text + "' in:\n" + help);
    }

    @Test
    void untrainHelpShowsEachSettingsRangeAndDefaultFromItsDefinition() {
        String help = helpWithoutSpaces("untrain");
        assertHelpSays(help, "--batch=B B: B/2 forget and B/2 retain samples per step (a whole number that is even "
                + "and at least 2; default: 128)");
        assertHelpSays(help, "--eps=EPS eps in the inverse forget loss 1 / (CE + eps) (a number above 0; default: 1.0E-6)");
        assertHelpSays(help, "-T, --copies=T");
        assertHelpSays(help, "--cosine Decay the learning rate");
        for (dev.wfnet.settings.Setting<?> setting : dev.wfnet.unlearn.UntrainConfig.SETTINGS.settings()) {
            assertHelpSays(help, setting.options().get(0));
            assertHelpSays(help, setting.description());
            if (!setting.type().isFlag() && !setting.defaultText().isEmpty()) {
                assertHelpSays(help, setting.rule() + "; default: " + setting.defaultText() + ")");
            }
        }
    }

    @Test
    void everyPretrainOptionHasADescriptionAndItsDefault() {
        String help = helpWithoutSpaces("pretrain");
        assertHelpSays(help, "--momentum=MOMENTUM SGD momentum (Adam ignores it) (a number of at least 0; "
                + "default: 0.9)");
        assertHelpSays(help, "--optimizer=OPTIMIZER Adam, or SGD with momentum (one of adam, sgd; default: adam)");
        assertHelpSays(help, "--seed=SEED Seeds initialisation, shuffling and augmentation (a whole number; "
                + "default: 42)");
        picocli.CommandLine.Model.CommandSpec pretrain = new picocli.CommandLine(new WfnetCommand()).getSubcommands()
                .get("pretrain").getCommandSpec();
        for (picocli.CommandLine.Model.OptionSpec option : pretrain.options()) {
            String text = String.join(" ", option.description());
            assertFalse(text.isBlank(), option.longestName() + " has no description");
            // a flag is off unless given; help, version and required options have no default to state
            boolean hasNoDefault = option.usageHelp() || option.versionHelp() || option.required()
                    || option.type() == boolean.class;
            assertTrue(hasNoDefault || text.contains("default"), option.longestName() + " does not say its default: "
                    + text);
        }
    }

    @Test
    void anOutOfRangeUntrainingSettingIsNamedWithItsRangeAlone() {
        Path never = dir.resolve("never.safetensors");
        Run run = wfnet("untrain", model.toString(), "--batch", "7", "--steps", "0", "-o", never.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode());
        assertEquals("wfnet: --max-steps must be a whole number of at least 1, not '0'; --batch must be a whole number"
                + " that is even and at least 2, not '7'", run.err().trim(),
                "each bad setting in the table's order, each with its own range only");
        run = wfnet("untrain", model.toString(), "--batch", "7", "-o", never.toString());
        assertEquals("wfnet: --batch must be a whole number that is even and at least 2, not '7'", run.err().trim());
        run = wfnet("untrain", model.toString(), "--classes", "1,x", "-o", never.toString());
        assertEquals("wfnet: --classes must be all or a comma-separated list of class indices that are 0 or above, "
                + "not '1,x'", run.err().trim());
        assertTrue(Files.notExists(never));
    }

    @Test
    void untrainWithTheOriginalAsRetainTargetRecordsItInTheBankAndRefusesAnUnknownTarget() throws Exception {
        Path bank = dir.resolve("distilled.safetensors");
        Run untrain = wfnet("untrain", model.toString(), "--data", "fashion-mnist-bundled", "--classes", "1,3",
                "--steps", "2", "--batch", "8", "--snapshot-every", "0", "--retain-target", "original", "-o",
                bank.toString());
        assertEquals(ExitCodes.OK, untrain.exitCode(), untrain.err());
        assertEquals(dev.wfnet.unlearn.RetainTarget.ORIGINAL,
                dev.wfnet.unlearn.BankCheckpoint.read(bank).config().retainTarget());
        Run refused = wfnet("untrain", model.toString(), "--retain-target", "teacher", "-o",
                dir.resolve("never.safetensors").toString());
        assertEquals(ExitCodes.FAILED, refused.exitCode());
        assertEquals("wfnet: --retain-target must be one of labels, original, not 'teacher'", refused.err().trim());
        assertTrue(Files.notExists(dir.resolve("never.safetensors")));
    }

    @Test
    void untrainWritesABankThatForgetReportsAndAnotherModelRefuses() throws Exception {
        Path bank = dir.resolve("bank.safetensors");
        Run untrain = wfnet("untrain", model.toString(), "--data", "fashion-mnist-bundled", "--classes", "1,3",
                "--steps", "4", "--batch", "16", "--snapshot-every", "2", "--validation-per-class", "5",
                "--checkpoint-every", "2", "-o", bank.toString());
        assertEquals(ExitCodes.OK, untrain.exitCode(), untrain.err());
        assertTrue(untrain.out().startsWith("wrote " + bank + ": 4 steps"), untrain.out());
        assertTrue(untrain.out().contains("s with checks and checkpoints: checks "), untrain.out());
        assertTrue(untrain.out().contains("the test split's report: wfnet forget " + model + " " + bank
                + " --each --data fashion-mnist-bundled"), untrain.out());
        assertTrue(untrain.err().contains("check at step 2: "), untrain.err());
        assertTrue(untrain.err().contains("untraining " + model + ": 2 classes"), untrain.err());
        Path checkpoint = dir.resolve("bank.checkpoint.safetensors");
        assertTrue(Files.exists(checkpoint));

        Path report = dir.resolve("forget");
        Run forget = wfnet("forget", model.toString(), bank.toString(), "--classes", "1,3", "--data",
                "fashion-mnist-bundled", "-o", report.toString());
        assertEquals(ExitCodes.OK, forget.exitCode(), forget.err());
        ImageDataset test = FashionMnist.loadBundled().test();
        int[] predictions;
        try (LoadedModel loaded = LoadedModel.open(model); NDManager manager = TorchRuntime.newManager()) {
            predictions = new dev.wfnet.eval.ForgettingEvaluator(loaded,
                    dev.wfnet.unlearn.BankCheckpoint.openFor(loaded, bank, manager), test, CancellationToken.none())
                    .predictions(new int[] {1, 3}, CancellationToken.none());
        }
        int[] correct = new int[10];
        int[] total = new int[10];
        for (int i = 0; i < test.size(); i++) {
            total[test.label(i)]++;
            correct[test.label(i)] += predictions[i] == test.label(i) ? 1 : 0;
        }
        JsonObject json = JsonParser.parseString(Files.readString(report.resolve("forget.json"))).getAsJsonObject();
        JsonArray forgotten = json.getAsJsonArray("forget");
        assertEquals(correct[1] / (double) total[1], forgotten.get(0).getAsJsonObject().get("acc_f").getAsDouble());
        assertEquals(correct[3] / (double) total[3], forgotten.get(1).getAsJsonObject().get("acc_f").getAsDouble());
        int retainedCorrect = java.util.Arrays.stream(correct).sum() - correct[1] - correct[3];
        assertEquals(retainedCorrect / (double) (test.size() - total[1] - total[3]), json.get("acc_r").getAsDouble(),
                1e-12);
        assertTrue(Files.readString(report.resolve("forget.md")).contains("| 1 | Trouser | yes |"));
        Map<String, String> inputs = Map.of("model", sha256(Files.readAllBytes(model)),
                "bank", sha256(Files.readAllBytes(bank)), "test:fashion-mnist-bundled/test", splitHash(test));
        assertProvenance(json, "forget", inputs, Map.of("classes", "[1, 3]", "data", "fashion-mnist-bundled"));

        Path other = dir.resolve("other.safetensors");
        Architecture architecture = new SmallCnn(INPUT, 10);
        try (NDManager manager = TorchRuntime.newManager()) {
            ModelCheckpoint.of(architecture, Normalization.fashionMnist(), FashionMnist.CLASS_NAMES,
                    NetworkWeights.initialise(architecture, manager, 6L), new Provenance("test", Map.of(), 6L,
                            Map.of(), Map.of(), Instant.parse("2024-01-01T00:00:00Z"), 0.0)).write(other);
        }
        Run refused = wfnet("forget", other.toString(), bank.toString(), "--each", "--data", "fashion-mnist-bundled");
        assertEquals(ExitCodes.FAILED, refused.exitCode());
        assertTrue(refused.err().contains("was trained on the model with SHA-256"), refused.err());

        Path figures = dir.resolve("explain");
        Run explain = wfnet("explain", model.toString(), bank.toString(), "-o", figures.toString(), "--data",
                "fashion-mnist-bundled", "--saliency-images", "6");
        assertEquals(ExitCodes.OK, explain.exitCode(), explain.err());
        assertTrue(explain.out().contains("wrote 12 tables and 48 figures"), explain.out());
        assertTrue(explain.out().contains("saliency on conv2, 6 images"), explain.out());
        JsonObject auc = JsonParser.parseString(Files.readString(figures.resolve("saliency-auc.json")))
                .getAsJsonObject();
        assertEquals(3, auc.getAsJsonArray("methods").size());
        Map<String, String> explainSettings = Map.of("threshold", "0.5", "top_k", "5", "ranking", "lowest-alpha",
                "data", "fashion-mnist-bundled", "saliency_images", "6", "steps", "0", "examples", "6",
                "baseline", "mean");
        assertProvenance(auc, "explain", inputs, explainSettings);
        assertProvenance(JsonParser.parseString(Files.readString(figures.resolve("relations.json"))).getAsJsonObject(),
                "explain", inputs, explainSettings);
        // the alpha analysis is written before the test split is read, so it names only the files
        assertProvenance(JsonParser.parseString(Files.readString(figures.resolve("alpha-analysis.json")))
                .getAsJsonObject(), "explain", Map.of("model", inputs.get("model"), "bank", inputs.get("bank")),
                explainSettings);
        assertTrue(Files.exists(figures.resolve("saliency-grid.svg")));
        assertTrue(Files.readString(figures.resolve("filter-alpha-fc1.weight.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith("%PDF"));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(figures.resolve("class-similarity-cosine.png")
                .toFile());
        assertEquals(900, png.getWidth());
        assertEquals(600, png.getHeight());
        Run explainRefused = wfnet("explain", other.toString(), bank.toString(), "-o", figures.toString());
        assertEquals(ExitCodes.FAILED, explainRefused.exitCode());
        assertTrue(explainRefused.err().contains("was trained on the model with SHA-256"), explainRefused.err());

        Run resumed = wfnet("untrain", model.toString(), "--data", "fashion-mnist-bundled", "--classes", "1,3",
                "--steps", "6", "--batch", "16", "--snapshot-every", "2", "--validation-per-class", "5",
                "--checkpoint-every", "2", "--resume", checkpoint.toString(), "-o", dir.resolve("more.safetensors")
                        .toString());
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains(": 6 steps"), resumed.out());
    }

    // ---- bad input: exit code 1 and one sentence, never a stack trace ----

    private static final String SAMPLE_MODEL = dev.wfnet.app.SampleFiles.MODEL.toString();
    private static final String SAMPLE_BANK = dev.wfnet.app.SampleFiles.BANK.toString();

    private static void assertRefused(String message, Run run) {
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
        assertEquals("wfnet: " + message + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void forgetRefusesAClassTheModelDoesNotHave() {
        // the sample bank covers the ten classes of the sample model
        assertRefused("there is no class 12: the model's classes are numbered 0 to 9",
                wfnet("forget", SAMPLE_MODEL, SAMPLE_BANK, "--classes", "12", "--data", "fashion-mnist-bundled"));
        assertRefused("there is no class -1: the model's classes are numbered 0 to 9",
                wfnet("forget", SAMPLE_MODEL, SAMPLE_BANK, "--classes", "3,-1", "--data", "fashion-mnist-bundled"));
        assertRefused("a class is listed twice in [3, 3]; forgetting it twice would square its alphas",
                wfnet("forget", SAMPLE_MODEL, SAMPLE_BANK, "--classes", "3,3", "--data", "fashion-mnist-bundled"));
    }

    @Test
    void untrainRefusesAClassTheModelDoesNotHave() {
        Path out = dir.resolve("never.safetensors");
        Run run = wfnet("untrain", model.toString(), "--data", "fashion-mnist-bundled", "--classes", "2,10",
                "-o", out.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
        assertEquals("wfnet: classes to forget must be between 0 and 9, got [2, 10]" + System.lineSeparator(),
                run.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void untrainNamesEachSettingOutOfItsRangeAndOnlyThose() {
        Path out = dir.resolve("never.safetensors");
        assertRefused("--batch must be a whole number that is even and at least 2, not '7'",
                wfnet("untrain", model.toString(), "--batch", "7", "-o", out.toString()));
        // in the settings table's order (steps, then the objective's l0 and eps), whatever the command line's
        assertRefused("--max-steps must be a whole number of at least 1, not '0'; --l0 must be a number of at least 0,"
                        + " not '-1'; --eps must be a number above 0, not '0'",
                wfnet("untrain", model.toString(), "--l0", "-1", "--eps", "0", "--steps", "0", "-o", out.toString()));
        assertRefused("--lr must be a number above 0, not 'NaN'",
                wfnet("untrain", model.toString(), "--lr", "NaN", "-o", out.toString()));
        assertTrue(Files.notExists(out));
    }

    @Test
    void predictRefusesFewerThanOneClassToShow() throws Exception {
        Path png = dir.resolve("black.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        assertRefused("--top must be at least 1, not 0", wfnet("predict", "--top", "0", model.toString(),
                png.toString()));
        assertRefused("--top must be at least 1, not -3", wfnet("predict", "--top", "-3", model.toString(),
                png.toString()));
    }

    @Test
    void explainRefusesMoreStepsThanPixelsBeforeWritingAnything() {
        Path out = dir.resolve("explained");
        assertRefused("invalid explain settings: steps must be between 1 and 784 (one per pixel of 1x28x28 images),"
                        + " got 1000",
                wfnet("explain", SAMPLE_MODEL, SAMPLE_BANK, "-o", out.toString(), "--steps", "1000",
                        "--data", "fashion-mnist-bundled"));
        assertTrue(Files.notExists(out));
        assertRefused("invalid explain settings: top-k must be at least 1, got 0",
                wfnet("explain", SAMPLE_MODEL, SAMPLE_BANK, "-o", out.toString(), "--top", "0"));
    }

    @Test
    void standardOutputIsFlushedBeforeTheProcessWouldExit() {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int code;
        try {
            // PrintStream without auto-flush, as a redirected stdout behaves
            System.setOut(new java.io.PrintStream(captured, false, java.nio.charset.StandardCharsets.UTF_8));
            code = WfnetCommand.run("evaluate", model.toString(), "--data", "fashion-mnist-bundled");
            assertTrue(captured.toString(java.nio.charset.StandardCharsets.UTF_8).contains("| **overall** | 2000 |"),
                    "the table printed without a final newline reaches standard output before main exits");
        } finally {
            System.setOut(original);
        }
        assertEquals(ExitCodes.OK, code);
    }
}
