package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.explain.AlphaReport;
import dev.wfnet.explain.AlphaView;
import dev.wfnet.explain.ExplainSettings;
import dev.wfnet.figures.ExplainFigureSet;
import dev.wfnet.io.Hashing;
import dev.wfnet.unlearn.BankCheckpoint;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet explain}: the analyses and figures of a bank, without a display. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Analyse a bank's alphas (layer statistics, class similarity, class-to-filter map) and "
                + "write every figure (PNG, SVG, PDF) and the CSV/JSON behind it.")
final class ExplainCommand extends DomainCommand {
    private static final ExplainSettings DEFAULTS = ExplainSettings.defaults();

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model the bank was trained on")
    Path model;

    @Parameters(index = "1", paramLabel = "BANK", description = "A bank trained on MODEL")
    Path bank;

    @Option(names = {"-o", "--out"}, required = true, description = "Directory for the figures and tables")
    Path out;

    @Option(names = "--threshold", description = "An alpha below this is switched off (default 0.5)")
    double threshold = DEFAULTS.threshold();

    @Option(names = "--top", description = "Filters listed per class and layer (default 5)")
    int top = DEFAULTS.topK();

    @Override
    void execute() throws WfnetException {
        BankCheckpoint checkpoint = BankCheckpoint.read(bank);
        checkpoint.checkModel(Hashing.sha256(model), bank);
        ExplainSettings settings;
        try {
            settings = new ExplainSettings(threshold, top, DEFAULTS.ranking());
        } catch (IllegalArgumentException e) {
            throw new WfnetException("invalid explain settings: " + e.getMessage(), e);
        }
        AlphaReport report = AlphaReport.analyse(AlphaView.of(checkpoint), settings);
        report.writeTo(out);
        List<Path> figures = ExplainFigureSet.writeAll(report, out);
        out().printf("wrote %d tables and %d figures in %s%n", AlphaReport.FILES.size(), figures.size(), out);
    }
}
