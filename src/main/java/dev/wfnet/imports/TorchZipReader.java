package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import java.nio.file.Path;
import java.util.List;

/** {@code torch.save(obj, f)} since PyTorch 1.6: a zip archive with {@code data.pkl} and raw storages. */
final class TorchZipReader implements SourceReader {
    static final String ID = "pytorch-zip";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PyTorch torch.save archive (zip)";
    }

    @Override
    public boolean accepts(FileProbe probe) {
        return probe.isZip() && probe.hasZipEntryEndingWith("/data.pkl") && !TorchScriptReader.isTorchScript(probe);
    }

    @Override
    public SourceContent read(Path file) throws WfnetException {
        TorchArchive archive = TorchArchive.open(ZipArchive.open(file));
        try {
            Object root = archive.unpickle("data.pkl", "data", TorchPickleRules::weightsOnly);
            return new SourceContent(ID, root, List.of(), archive);
        } catch (WfnetException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }
}
