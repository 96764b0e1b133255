package dev.wfnet.unlearn;

import dev.wfnet.jobs.Progress;
import java.util.List;
import java.util.Locale;

/** The words the command line and the window use for a round's checks and its outcome. */
public final class RoundReport {
    private RoundReport() {
    }

    /** "check at step 75: 7 of 10 rows meet the targets; not yet: Trouser (ACC_f 0.0%, drop 1.62), ...". */
    public static String check(Progress check, List<String> names) {
        StringBuilder notYet = new StringBuilder();
        int rows = 0;
        int met = 0;
        int[] classes = check.metrics().keySet().stream().filter(key -> key.startsWith("met."))
                .mapToInt(key -> Integer.parseInt(key.substring(4))).sorted().toArray();
        for (int modelClass : classes) {
            rows++;
            if (check.metrics().get("met." + modelClass) > 0) {
                met++;
            } else {
                notYet.append(notYet.length() == 0 ? "; not yet: " : ", ").append(String.format(Locale.ROOT,
                        "%s (ACC_f %.1f%%, drop %.2f%s)", names.get(modelClass),
                        100 * check.metrics().get("acc_f." + modelClass), 100 * check.metrics().get("drop." + modelClass),
                        pairText(check, modelClass, names)));
            }
        }
        return String.format(Locale.ROOT, "check at step %d: %d of %d rows meet the targets%s", check.step(), met,
                rows, notYet);
    }

    /** "; with Shirt ACC_f 4.2%, drop 0.80" when the row met its own targets but not its pair's. */
    private static String pairText(Progress check, int modelClass, List<String> names) {
        Double partner = check.metrics().get("pair_partner." + modelClass);
        return partner == null ? "" : String.format(Locale.ROOT, "; with %s ACC_f %.1f%%, drop %.2f",
                names.get(partner.intValue()), 100 * check.metrics().get("pair_acc_f." + modelClass),
                100 * check.metrics().get("pair_drop." + modelClass));
    }

    /** Why the round stopped and, on the held-out split, which rows fall short and by how much. */
    public static String outcome(UntrainingJob.Result result, UntrainConfig config, List<String> names) {
        StringBuilder text = new StringBuilder("stopped: " + result.stopReason().text());
        long shortRows = result.rows().stream().filter(row -> !row.met()).count();
        if (!result.rows().isEmpty() && config.stopOnTargets()) {
            text.append(String.format(Locale.ROOT, " (%d of %d rows meet ACC_f <= %.2f%% and drop <= %.2f points "
                    + "on the held-out split)", result.rows().size() - shortRows, result.rows().size(),
                    100 * config.checkedForgetAccuracy(), 100 * config.targetDrop()));
            for (RowStatus row : result.rows()) {
                if (!row.met()) {
                    text.append(System.lineSeparator()).append("  short: ").append(names.get(row.modelClass()))
                            .append(": ").append(row.shortfall(config, names));
                }
            }
        }
        return text.toString();
    }
}
