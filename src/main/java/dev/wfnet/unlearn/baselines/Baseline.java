package dev.wfnet.unlearn.baselines;

import java.util.Arrays;
import java.util.Locale;

/** The unlearning methods WF-Net is compared with. */
public enum Baseline {
    /** Training from scratch without the class, with the base model's own recipe: the gold standard. */
    RETRAIN("retrain", "Retrain", true),
    /** Fine-tuning on the retained data (catastrophic forgetting of the class). */
    FT("ft", "FT", true),
    /** Gradient ascent on the forget set. */
    GA("ga", "GA", true),
    /** Random labels for the forget set, trained together with the retained data. */
    RL("rl", "RL", true),
    /** RL restricted to the weights most salient for the forget set (Fan et al. 2024). */
    SALUN("salun", "SalUn", true),
    /** Selective synaptic dampening (Foster et al. 2024): no training, deterministic. */
    SSD("ssd", "SSD", false);

    private final String id;
    private final String label;
    private final boolean seeded;

    Baseline(String id, String label, boolean seeded) {
        this.id = id;
        this.label = label;
        this.seeded = seeded;
    }

    /** The name on the command line and in reports ("salun"). */
    public String id() {
        return id;
    }

    /** The name in tables and figures ("SalUn"). */
    public String label() {
        return label;
    }

    /** Whether the seed changes the result; SSD's importance passes have no randomness. */
    public boolean seeded() {
        return seeded;
    }

    public static Baseline parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.id.equals(wanted)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown method '" + text + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Baseline::id).toList())));
    }
}
