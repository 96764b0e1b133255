package dev.wfnet.unlearn;

import dev.wfnet.model.ParameterRole;
import dev.wfnet.model.ParameterSpec;
import java.util.List;

/**
 * Which parameters a bank filters (docs/method.md): by default every convolution and linear weight;
 * optionally biases and normalisation affine parameters too; optionally only some layers.
 *
 * @param biases also filter convolution and linear biases
 * @param norms also filter normalisation scales and shifts
 * @param layers if not empty, only parameters whose name starts with one of these prefixes
 */
public record LayerSelection(boolean biases, boolean norms, List<String> layers) {

    public LayerSelection {
        layers = List.copyOf(layers);
    }

    public static LayerSelection defaults() {
        return new LayerSelection(false, false, List.of());
    }

    public boolean includes(ParameterSpec spec) {
        ParameterRole role = spec.role();
        boolean byRole = role == ParameterRole.WEIGHT || (biases && role == ParameterRole.BIAS)
                || (norms && (role == ParameterRole.NORM_WEIGHT || role == ParameterRole.NORM_BIAS));
        return byRole && (layers.isEmpty() || layers.stream().anyMatch(prefix -> spec.name().equals(prefix)
                || spec.name().startsWith(prefix + ".")));
    }

    /** "weights", "weights+biases", "weights+biases+norms", with " in [layers]" when restricted. */
    public String describe() {
        return "weights" + (biases ? "+biases" : "") + (norms ? "+norms" : "")
                + (layers.isEmpty() ? "" : " in " + layers);
    }
}
