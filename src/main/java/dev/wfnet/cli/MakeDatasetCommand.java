package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.GlyphDigits;
import dev.wfnet.data.IdxSplitFiles;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import dev.wfnet.io.Provenance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet make-dataset}: writes a generated dataset as IDX files any dataset spec reads. */
@Command(name = "make-dataset", mixinStandardHelpOptions = true,
        description = {"Generate a dataset and write it as the four gzipped IDX files of MNIST, with provenance.json.",
                "glyphs: the digits 0-9 drawn with this machine's Java2D fonts (logical fonts and DejaVu, plain,"
                        + " bold, italic), scaled, stretched, rotated by up to 15 degrees, shifted by up to 3 px,"
                        + " strokes thickened or thinned, bent by a smooth random warp, sometimes scratched, blurred"
                        + " or partly covered, with Gaussian noise; 28x28 grey, classes balanced. Open it as idx:DIR"
                        + " or mnist:DIR."})
final class MakeDatasetCommand extends DomainCommand {

    /** The datasets this command makes. */
    enum Kind { glyphs }

    @Parameters(index = "0", paramLabel = "KIND", description = "Which dataset: ${COMPLETION-CANDIDATES}")
    Kind kind;

    @Option(names = {"-o", "--out"}, required = true, description = "The directory to write, created if missing (required)")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--train", defaultValue = "" + GlyphDigits.TRAIN_SIZE,
            description = "Training images (default: ${DEFAULT-VALUE})")
    int trainSize;

    @Option(names = "--test", defaultValue = "" + GlyphDigits.TEST_SIZE,
            description = "Test images (default: ${DEFAULT-VALUE})")
    int testSize;

    @Override
    void execute() throws WfnetException {
        Instant started = Instant.now();
        DatasetSplits splits = GlyphDigits.generate(seed, trainSize, testSize);
        IdxSplitFiles files = IdxSplitFiles.gzippedIn(out);
        files.write(splits);
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("kind", kind.name());
        configuration.put("train", Integer.toString(trainSize));
        configuration.put("test", Integer.toString(testSize));
        configuration.put("fonts", String.join(", ", GlyphDigits.fontNames()));
        Provenance provenance = new Provenance("make-dataset", Map.of(), seed, configuration,
                Provenance.runtimeVersions("none (Java2D)"), started, seconds);
        AtomicFiles.writeString(out.resolve("provenance.json"), Json.pretty(provenance.toJson()));
        out().printf(Locale.ROOT, "wrote %s and %s to %s in %.1f s; open it as idx:%s%n", splits.train(),
                splits.test(), out, seconds, out);
    }
}
