package dev.wfnet.imports;

import java.nio.file.Path;
import java.util.List;

/**
 * What a source file holds, read but not imported: its format, how many weights were found and
 * how, and the architecture the weights suggest. The window's import sheet starts from it.
 *
 * @param source the file
 * @param format the reader's id
 * @param formatDescription the reader's description
 * @param tensors how many tensors the weights have, after cleaning
 * @param steps how the weights were found and cleaned
 * @param guess the proposed architecture, or why there is none
 * @param stated whether the file states its architecture (a Keras model's config) rather than the
 *               architecture being guessed from the weights
 */
public record ImportPlan(Path source, String format, String formatDescription, int tensors, List<String> steps,
                         ArchitectureGuess.Guess guess, boolean stated) {
    public ImportPlan {
        steps = List.copyOf(steps);
    }
}
