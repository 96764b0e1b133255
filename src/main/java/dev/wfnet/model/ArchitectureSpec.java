package dev.wfnet.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Names an architecture of the catalogue and its arguments, as stored in checkpoints.
 *
 * @param id the catalogue id ("small-cnn", "resnet20", "vit")
 * @param arguments the architecture's own arguments as text ("depth" -> "20"), sorted by key
 */
public record ArchitectureSpec(String id, SortedMap<String, String> arguments) {

    public ArchitectureSpec {
        arguments = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(arguments));
    }

    public static ArchitectureSpec of(String id) {
        return new ArchitectureSpec(id, new TreeMap<>());
    }

    public static ArchitectureSpec of(String id, Map<String, String> arguments) {
        return new ArchitectureSpec(id, new TreeMap<>(arguments));
    }

    @Override
    public String toString() {
        return arguments.isEmpty() ? id : id + arguments;
    }
}
