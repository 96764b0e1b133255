package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.ArchitectureSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The architecture a source file states itself (a Keras model's config, a SavedModel's layer
 * graph), already mapped onto the catalogue: nothing about it is guessed from tensor shapes. The
 * source's tensors are then already in the catalogue's layout and names. What the source model
 * does to its inputs before the first layer (Keras {@code Rescaling}, {@code Normalization}) is a
 * per-channel normalisation of its own that the import folds into the model's input
 * normalisation, so the network itself starts at the first convolution or linear layer.
 *
 * @param spec the catalogue architecture and its arguments
 * @param input the network's input shape (channels first)
 * @param classes the number of outputs
 * @param channelsLast whether the source takes channels-last images (N, H, W, C; or N, H, W when
 *                     it has no channel axis): reference inputs given for it are in that layout
 * @param inputLayers what the source model does to its inputs first, {@code (x - mean) / std}, or
 *                    null when nothing
 * @param rawPixels whether the source model presumably takes 0..255 pixel values (it rescales
 *                  them itself), when the user does not say how its inputs were prepared
 * @param steps how the architecture was read, for the report and the provenance
 * @param assumptions what was assumed about the inputs, for the report
 */
public record SourceArchitecture(ArchitectureSpec spec, ImageShape input, int classes, boolean channelsLast,
                                 Normalization inputLayers, boolean rawPixels, List<String> steps,
                                 List<String> assumptions) {

    public SourceArchitecture {
        if (inputLayers != null && inputLayers.channels() != input.channels()) {
            throw new IllegalArgumentException("one input normalisation value per channel");
        }
        steps = List.copyOf(steps);
        assumptions = List.copyOf(assumptions);
    }

    /** The proposal this is, for the import sheet: certain, as the file states it. */
    ArchitectureGuess.Candidate candidate() {
        return new ArchitectureGuess.Candidate(spec, input, classes, List.of(), List.of());
    }

    /** The preprocessing to resolve when the user gave none: raw pixels if the model rescales them itself. */
    InputPreprocessing preprocessing(InputPreprocessing given) {
        return given.isDefault() && rawPixels ? new InputPreprocessing(null, null, true) : given;
    }

    /**
     * The model's normalisation: the source model's inputs are {@code x = (p - m) / s} for pixels
     * {@code p} in [0, 1] ({@code resolved}); its first layers make {@code (x - m2) / s2} of them,
     * which is {@code (p - (m + m2 s)) / (s s2)}.
     */
    InputPreprocessing.Resolved fold(InputPreprocessing.Resolved resolved) {
        if (inputLayers == null) {
            return resolved;
        }
        double[] m = resolved.normalization().mean();
        double[] s = resolved.normalization().std();
        double[] mean = new double[m.length];
        double[] std = new double[m.length];
        for (int c = 0; c < m.length; c++) {
            mean[c] = m[c] + inputLayers.mean()[c] * s[c];
            std[c] = s[c] * inputLayers.std()[c];
        }
        return new InputPreprocessing.Resolved(new Normalization(mean, std), resolved.description()
                + "; then the model's own input layers (minus " + text(inputLayers.mean()) + ", divided by "
                + text(inputLayers.std()) + "), folded into the normalisation");
    }

    /**
     * Reference inputs as the source model takes them (its layout, before its own input layers)
     * turned into the network's: channels first, the input affine map applied.
     */
    public HostTensor networkInputs(HostTensor inputs) throws WfnetException {
        long[] shape = inputs.shape();
        int c = input.channels();
        int h = input.height();
        int w = input.width();
        long perSample = (long) c * h * w;
        if (shape.length == 0 || shape[0] <= 0 || inputs.size() != shape[0] * perSample) {
            throw new WfnetException("the reference inputs have shape " + inputs.shapeText() + "; the model takes N x "
                    + (channelsLast ? h + "x" + w + "x" + c + " (channels last, as the source model)" : input));
        }
        int n = (int) shape[0];
        float[] in = inputs.data();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int from = channelsLast ? ((i * h + y) * w + x) * c + ch : ((i * c + ch) * h + y) * w + x;
                        int to = ((i * c + ch) * h + y) * w + x;
                        out[to] = inputLayers == null ? in[from]
                                : (float) ((in[from] - inputLayers.mean()[ch]) / inputLayers.std()[ch]);
                    }
                }
            }
        }
        return new HostTensor(input.asBatchShape(n), out);
    }

    private static String text(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4g", v))
                .reduce((a, b) -> a + "," + b).orElse("");
    }

}
