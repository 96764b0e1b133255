/**
 * Keras models as data: {@link dev.wfnet.imports.keras.KerasModelSpec} (an input shape and a chain
 * of {@link dev.wfnet.imports.keras.KerasLayer}s with their configs and weights in Keras's layout),
 * read from Keras files, and {@link dev.wfnet.imports.keras.KerasStackMapper}, which maps such a
 * chain onto the catalogue's {@code sequential} architecture exactly or refuses it by name. This
 * package knows nothing of the import pipeline; {@code dev.wfnet.imports.KerasSources} connects
 * the two (docs/formats.md, "Keras").
 */
package dev.wfnet.imports.keras;
