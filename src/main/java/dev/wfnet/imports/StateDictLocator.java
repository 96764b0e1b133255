package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the model's weights in what a file holds: a state_dict itself, or a training checkpoint
 * that wraps one ({@code {'state_dict': ..., 'epoch': 90}}, {@code {'model_state_dict': ...,
 * 'optimizer_state_dict': ...}}, {@code {'net': ..., 'acc': ...}}). Known wrapper keys are tried
 * in order; otherwise the one entry that holds tensors is taken; when several do, the user names
 * one ({@code --entry}).
 */
public final class StateDictLocator {
    /** The keys training scripts put the model's weights under, most specific first. */
    static final List<String> WRAPPER_KEYS = List.of("state_dict", "model_state_dict", "model_state", "model",
            "net", "network", "model_dict", "weights", "params", "module", "state");
    private static final int MAX_DEPTH = 8;

    private StateDictLocator() {
    }

    /**
     * @param entry a dotted path to the weights chosen by the user ("model.ema"), or null to find them
     */
    public static StateDict locate(SourceContent content, String source, String entry) throws WfnetException {
        Object node = content.root();
        List<String> path = new ArrayList<>();
        if (entry != null && !entry.isBlank()) {
            for (String key : entry.split("\\.")) {
                if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                    throw new WfnetException(source + " has no entry '" + entry + "' (at '" + key + "'); its entries"
                            + " are " + describeEntries(node));
                }
                node = map.get(key);
                path.add(key);
            }
        } else {
            for (int depth = 0; depth < MAX_DEPTH; depth++) {
                if (!(node instanceof Map<?, ?> map)) {
                    break;
                }
                // a known wrapper wins over stray tensors beside it ({'state_dict': ..., 'best_acc': tensor(0.9)})
                String next = knownWrapper(map);
                if (next == null && directTensors(map) == 0) {
                    next = onlyEntryWithTensors(map, source);
                }
                if (next == null) {
                    break;
                }
                node = map.get(next);
                path.add(next);
            }
        }
        if (node instanceof SourceTensor) {
            throw new WfnetException(source + " holds a single tensor, not a model's weights");
        }
        if (!(node instanceof Map<?, ?> map) || directTensors(map) == 0) {
            throw new WfnetException(source + " holds no named tensors" + (path.isEmpty() ? "" : " under '"
                    + String.join(".", path) + "'") + "; its entries are " + describeEntries(node));
        }
        Map<String, SourceTensor> tensors = new LinkedHashMap<>();
        int skipped = 0;
        for (Map.Entry<?, ?> item : map.entrySet()) {
            if (item.getKey() instanceof String name && item.getValue() instanceof SourceTensor tensor) {
                tensors.put(name, tensor);
            } else {
                skipped++;
            }
        }
        List<String> steps = new ArrayList<>(content.notes());
        steps.add(path.isEmpty() ? "weights at the top level" : "weights under entry '" + String.join(".", path) + "'");
        if (skipped > 0) {
            steps.add(skipped + " entries that are not tensors ignored");
        }
        return new StateDict(tensors, steps);
    }

    private static String knownWrapper(Map<?, ?> map) {
        for (String key : WRAPPER_KEYS) {
            if (map.get(key) instanceof Map<?, ?> inner && holdsTensors(inner, 0)) {
                return key;
            }
        }
        return null;
    }

    private static String onlyEntryWithTensors(Map<?, ?> map, String source) throws WfnetException {
        List<String> candidates = map.entrySet().stream()
                .filter(e -> e.getKey() instanceof String && e.getValue() instanceof Map<?, ?> inner
                        && holdsTensors(inner, 0))
                .map(e -> (String) e.getKey()).toList();
        if (candidates.size() > 1) {
            throw new WfnetException(source + " holds tensors under several entries (" + String.join(", ", candidates)
                    + "); name the one with the model's weights with --entry");
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private static long directTensors(Map<?, ?> map) {
        return map.values().stream().filter(v -> v instanceof SourceTensor).count();
    }

    private static boolean holdsTensors(Map<?, ?> map, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        return directTensors(map) > 0 || map.values().stream()
                .anyMatch(v -> v instanceof Map<?, ?> inner && holdsTensors(inner, depth + 1));
    }

    private static String describeEntries(Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            return "none (it is a " + TorchPickleRules.describe(node) + ")";
        }
        return map.entrySet().stream().limit(12)
                .map(e -> e.getKey() + " (" + TorchPickleRules.describe(e.getValue()) + ")")
                .collect(Collectors.joining(", ")) + (map.size() > 12 ? ", ..." : "");
    }
}
