/**
 * The import sheet: opening or dropping a model trained elsewhere (PyTorch, TorchScript, foreign
 * safetensors) shows what the file is and what its weights suggest, lets the user confirm or
 * correct it, and imports it in the background through {@link dev.wfnet.imports.ModelImporter}.
 */
package dev.wfnet.app.imports;
