package dev.wfnet.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The other names common codebases give the same parameters: kuangliu/pytorch-cifar's
 * {@code shortcut} and {@code linear} for torchvision's {@code downsample} and {@code fc}, a
 * {@code classifier} or {@code head} for {@code fc}, and so on. A name is renamed only when the
 * architecture expects the new name and not the old one, so an alias can never take a name the
 * architecture uses for something else.
 */
public final class Aliases {
    /** A pattern and its replacement. */
    record Alias(Pattern pattern, String replacement) {
        static Alias of(String regex, String replacement) {
            return new Alias(Pattern.compile(regex), replacement);
        }

        String apply(String name) {
            return pattern.matcher(name).replaceFirst(replacement);
        }
    }

    static final List<Alias> ALIASES = List.of(
            Alias.of("(^|\\.)shortcut\\.", "$1downsample."),
            Alias.of("^linear\\.", "fc."),
            Alias.of("^classifier\\.", "fc."),
            Alias.of("^head\\.fc\\.", "head."),
            Alias.of("^head\\.", "fc."),
            Alias.of("^fc\\.", "head."),
            Alias.of("^output\\.", "fc."),
            Alias.of("^out\\.", "fc."));

    private Aliases() {
    }

    /** Renames what the architecture expects under another name; the renames are recorded as a step. */
    public static StateDict apply(StateDict state, Set<String> expected) {
        Map<String, SourceTensor> renamed = new LinkedHashMap<>();
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, SourceTensor> entry : state.tensors().entrySet()) {
            String name = entry.getKey();
            String target = expected.contains(name) ? name : aliasFor(name, expected, state.tensors().keySet());
            if (!target.equals(name)) {
                changes.add(name + " -> " + target);
            }
            renamed.put(target, entry.getValue());
        }
        return changes.isEmpty() ? state : state.with(renamed, "renamed " + changes.size() + " tensors by known"
                + " aliases (" + String.join(", ", changes.subList(0, Math.min(4, changes.size())))
                + (changes.size() > 4 ? ", ..." : "") + ")");
    }

    /** The name under every alias applied once, for recognising a layout before an architecture is chosen. */
    static String canonical(String name) {
        String result = name;
        for (Alias alias : ALIASES.subList(0, 2)) {
            result = alias.apply(result);
        }
        return result;
    }

    private static String aliasFor(String name, Set<String> expected, Set<String> present) {
        for (Alias alias : ALIASES) {
            String candidate = alias.apply(name);
            if (!candidate.equals(name) && expected.contains(candidate) && !present.contains(candidate)) {
                return candidate;
            }
        }
        return name;
    }
}
