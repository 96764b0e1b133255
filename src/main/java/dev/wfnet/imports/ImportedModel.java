package dev.wfnet.imports;

import dev.wfnet.model.ModelCheckpoint;

/**
 * An imported model, not yet written: the checkpoint and the account of how it was made.
 *
 * @param checkpoint the model, its provenance included
 * @param report what was read, renamed, assumed and verified
 */
public record ImportedModel(ModelCheckpoint checkpoint, ImportReport report) {
}
