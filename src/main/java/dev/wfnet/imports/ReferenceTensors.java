package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reference inputs and outputs for verifying an import: a {@code .npy} file, a {@code torch.save}d
 * tensor (read by the same restricted readers), or a safetensors file; a file holding several
 * tensors must name the one meant ({@code inputs}, {@code outputs}, {@code logits}, ...).
 */
final class ReferenceTensors {
    private static final List<String> NAMES = List.of("inputs", "input", "x", "images", "outputs", "output",
            "logits", "y", "probabilities");

    private ReferenceTensors() {
    }

    static HostTensor read(Path file) throws WfnetException {
        if (NpyReader.isNpy(FileProbe.of(file).head())) {
            return NpyReader.read(file);
        }
        SourceReader reader = SourceReaders.forFile(file);
        try (SourceContent content = reader.read(file)) {
            Object root = content.root();
            if (root instanceof SourceTensor tensor) {
                return tensor.load();
            }
            if (root instanceof Map<?, ?> map) {
                List<SourceTensor> tensors = map.values().stream().filter(v -> v instanceof SourceTensor)
                        .map(v -> (SourceTensor) v).toList();
                if (tensors.size() == 1) {
                    return tensors.get(0).load();
                }
                for (String name : NAMES) {
                    if (map.get(name) instanceof SourceTensor tensor) {
                        return tensor.load();
                    }
                }
                throw new WfnetException(file + " holds several tensors (" + map.keySet().stream().map(String::valueOf)
                        .limit(8).collect(Collectors.joining(", ")) + "); save only the one meant, or name it "
                        + "'inputs' or 'outputs'");
            }
            throw new WfnetException(file + " holds no tensor");
        }
    }
}
