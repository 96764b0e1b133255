/**
 * Bringing one's own model: foreign files (PyTorch {@code torch.save} archives in the zip and the
 * legacy format, TorchScript archives, safetensors from timm or torchvision) are read as data by a
 * {@link dev.wfnet.imports.SourceReader} (pickles by the restricted
 * {@link dev.wfnet.imports.pickle.Unpickler}, which never runs anything), and
 * {@link dev.wfnet.imports.ModelImporter} turns their weights into an ordinary model checkpoint of
 * a catalogue architecture, verified and with provenance. A new source format is one new reader.
 */
package dev.wfnet.imports;
