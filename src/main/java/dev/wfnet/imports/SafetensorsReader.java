package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.SafeTensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file written outside the workbench (timm, torchvision, Hugging Face): tensors by
 * name, F16/BF16/F64 converted to float. A workbench model (with {@code wfnet} metadata) is not
 * imported again: it opens as it is.
 */
final class SafetensorsReader implements SourceReader {
    static final String ID = "safetensors";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "safetensors weights (timm, torchvision, Hugging Face)";
    }

    @Override
    public boolean accepts(FileProbe probe) {
        byte[] head = probe.head();
        if (head.length < 9) {
            return false;
        }
        long length = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return length > 1 && head[8] == '{';
    }

    @Override
    public SourceContent read(Path file) throws WfnetException {
        SafeTensors.Content content = SafeTensors.read(file);
        if (content.metadata().containsKey("wfnet")) {
            throw new WfnetException(file + " is already a workbench file (it has wfnet metadata): open it as it is,"
                    + " there is nothing to import");
        }
        Map<String, Object> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> entry : content.tensors().entrySet()) {
            tensors.put(entry.getKey(), SourceTensor.of(entry.getValue(), "safetensors"));
        }
        return new SourceContent(ID, tensors, List.of(), null);
    }
}
