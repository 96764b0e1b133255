package dev.wfnet.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes what training code adds to parameter names and to the state: the prefix every name
 * shares when a model was wrapped ({@code module.} by DataParallel, {@code _orig_mod.} by
 * torch.compile, {@code model.} or {@code net.} by a training harness), batch norm's
 * {@code num_batches_tracked} counters, and the {@code total_ops}/{@code total_params} buffers the
 * thop profiler leaves behind. None of these are weights.
 */
public final class NameCleanup {
    static final List<String> WRAPPER_PREFIXES = List.of("module.", "_orig_mod.", "model.", "net.", "network.",
            "backbone.", "encoder.", "base_model.");
    private static final List<String> DROPPED_SUFFIXES = List.of("num_batches_tracked", "total_ops", "total_params");

    private NameCleanup() {
    }

    public static StateDict clean(StateDict state) {
        StateDict current = state;
        Map<String, SourceTensor> kept = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, SourceTensor> entry : current.tensors().entrySet()) {
            String last = entry.getKey().substring(entry.getKey().lastIndexOf('.') + 1);
            if (DROPPED_SUFFIXES.contains(last)) {
                dropped.add(entry.getKey());
            } else {
                kept.put(entry.getKey(), entry.getValue());
            }
        }
        if (!dropped.isEmpty()) {
            current = current.with(kept, "dropped " + dropped.size() + " counters that are not weights ("
                    + String.join(", ", dropped.subList(0, Math.min(3, dropped.size())))
                    + (dropped.size() > 3 ? ", ..." : "") + ")");
        }
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String prefix : WRAPPER_PREFIXES) {
                Map<String, SourceTensor> tensors = current.tensors();
                if (!tensors.isEmpty() && tensors.keySet().stream().allMatch(name -> name.startsWith(prefix)
                        && name.length() > prefix.length())) {
                    Map<String, SourceTensor> renamed = new LinkedHashMap<>();
                    tensors.forEach((name, tensor) -> renamed.put(name.substring(prefix.length()), tensor));
                    current = current.with(renamed, "prefix '" + prefix + "' removed from every name");
                    stripped = true;
                }
            }
        }
        return current;
    }
}
