package dev.wfnet.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors on their way from a source file to a model, with the steps taken so far, which
 * the model's provenance records ("entry 'state_dict'", "prefix 'module.' removed").
 *
 * @param tensors tensors by name, in the source's order
 * @param steps what was done to get here, in order
 */
public record StateDict(Map<String, SourceTensor> tensors, List<String> steps) {

    public StateDict {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        steps = List.copyOf(steps);
    }

    /** The same tensors with one more step recorded. */
    StateDict with(Map<String, SourceTensor> newTensors, String step) {
        List<String> more = new ArrayList<>(steps);
        if (step != null) {
            more.add(step);
        }
        return new StateDict(newTensors, more);
    }

    /** Names and shapes, for guessing and for messages. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> shapes.put(name, tensor.shape()));
        return shapes;
    }

    public long[] shape(String name) {
        SourceTensor tensor = tensors.get(name);
        return tensor == null ? null : tensor.shape();
    }
}
