package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.pickle.PyObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TorchScript archive ({@code torch.jit.script(m).save}, {@code torch.jit.trace(m, x).save}): the
 * weights come from the archive's own {@code data.pkl}, read with the same restricted rules plus
 * TorchScript's module objects as data, and the module tree is flattened into state_dict names
 * ({@code layer1.0.conv1.weight}). Its compiled code is never read or run. ({@code constants.pkl}
 * is read the same way, to refuse a damaged archive; constants are not weights.)
 */
final class TorchScriptReader implements SourceReader {
    static final String ID = "torchscript";
    /** Module trees deeper than this are not real models. */
    static final int MAX_DEPTH = 64;
    static final int MAX_TENSORS = 100_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "TorchScript archive (torch.jit.save)";
    }

    static boolean isTorchScript(FileProbe probe) {
        return probe.isZip() && (probe.hasZipEntryEndingWith("/constants.pkl")
                || probe.zipEntries().stream().anyMatch(name -> name.matches("[^/]+/code/.*")));
    }

    @Override
    public boolean accepts(FileProbe probe) {
        return isTorchScript(probe) && probe.hasZipEntryEndingWith("/data.pkl");
    }

    @Override
    public SourceContent read(Path file) throws WfnetException {
        TorchArchive archive = TorchArchive.open(ZipArchive.open(file));
        try {
            Object root = archive.unpickle("data.pkl", "data", TorchPickleRules::torchScript);
            if (archive.has("constants.pkl")) {
                archive.unpickle("constants.pkl", "constants", TorchPickleRules::torchScript);
            }
            if (!(root instanceof PyObject module)) {
                throw new WfnetException(file + " is a TorchScript archive whose data.pkl is not a module");
            }
            Map<String, Object> tensors = new LinkedHashMap<>();
            flatten(module, "", tensors, new IdentityHashMap<>(), 0, file);
            List<String> notes = new ArrayList<>();
            notes.add("TorchScript module " + module.type().qualifiedName() + " flattened into " + tensors.size()
                    + " named tensors");
            return new SourceContent(ID, tensors, notes, archive);
        } catch (WfnetException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    /** Attributes that are tensors become names; attributes that are modules are walked into. */
    private static void flatten(PyObject module, String prefix, Map<String, Object> out,
                                IdentityHashMap<PyObject, Boolean> seen /* the modules on the current path */, int depth, Path file) throws WfnetException {
        if (depth > MAX_DEPTH || seen.put(module, Boolean.TRUE) != null) {
            throw new WfnetException(file + ": the TorchScript module tree is cyclic or deeper than " + MAX_DEPTH);
        }
        if (!(module.state() instanceof Map<?, ?> attributes)) {
            seen.remove(module);
            return;
        }
        for (Map.Entry<?, ?> attribute : attributes.entrySet()) {
            if (!(attribute.getKey() instanceof String name)) {
                continue;
            }
            Object value = attribute.getValue();
            if (value instanceof SourceTensor tensor) {
                out.put(prefix + name, tensor);
                if (out.size() > MAX_TENSORS) {
                    throw new WfnetException(file + ": the TorchScript module holds more than " + MAX_TENSORS
                            + " tensors");
                }
            } else if (value instanceof PyObject child) {
                flatten(child, prefix + name + ".", out, seen, depth + 1, file);
            }
        }
        seen.remove(module);
    }
}
