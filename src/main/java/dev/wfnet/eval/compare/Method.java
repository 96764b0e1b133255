package dev.wfnet.eval.compare;

import dev.wfnet.unlearn.baselines.Baseline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An unlearning method in a comparison: WF-Net, the untouched original, or a baseline. */
public enum Method {
    WFNET("wfnet", "WF-Net"),
    ORIGINAL("original", "Original"),
    RETRAIN(Baseline.RETRAIN),
    FT(Baseline.FT),
    GA(Baseline.GA),
    RL(Baseline.RL),
    SALUN(Baseline.SALUN),
    SSD(Baseline.SSD);

    private final String id;
    private final String label;
    private final Baseline baseline;

    Method(String id, String label) {
        this.id = id;
        this.label = label;
        this.baseline = null;
    }

    Method(Baseline baseline) {
        this.id = baseline.id();
        this.label = baseline.label();
        this.baseline = baseline;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    /**
     * Whether the seed changes the unlearned model. WF-Net's bank, the original and SSD are the same
     * for every seed: only the attacker's sample and ZRF's random model change with it.
     */
    public boolean seeded() {
        return baseline != null && baseline.seeded();
    }

    public static Method parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace("-", "");
        return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown method '" + text + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Method::id).toList())));
    }

    /** A comma-separated list of ids, in the order given, without repeats. */
    public static List<Method> parseList(String text) {
        List<Method> methods = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                Method method = parse(part);
                if (!methods.contains(method)) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }
}
