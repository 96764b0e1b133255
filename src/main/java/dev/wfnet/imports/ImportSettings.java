package dev.wfnet.imports;

import dev.wfnet.data.ImageShape;
import dev.wfnet.model.ArchitectureSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What the user says about a source model; everything may be left out (null, empty) and is then
 * read from the file or guessed.
 *
 * @param architecture the catalogue architecture and the arguments given; arguments not given are
 *                     read from the weights where they can be
 * @param input the model's input shape
 * @param classNames the class names, in output order
 * @param preprocessing how inputs were prepared
 * @param entry the dotted key of the weights inside a checkpoint dictionary
 * @param referenceInputs reference inputs to verify the import with
 * @param referenceOutputs the source model's outputs on them
 * @param acceptGuess take a guessed architecture that rests on assumptions without confirmation
 * @param tolerance the largest absolute output difference accepted against the references
 */
public record ImportSettings(ArchitectureSpec architecture, ImageShape input, List<String> classNames,
                             InputPreprocessing preprocessing, String entry, Path referenceInputs,
                             Path referenceOutputs, boolean acceptGuess, double tolerance) {

    public ImportSettings {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        preprocessing = preprocessing == null ? InputPreprocessing.defaults() : preprocessing;
        if ((referenceInputs == null) != (referenceOutputs == null)) {
            throw new IllegalArgumentException("reference inputs and reference outputs go together");
        }
    }

    /** Nothing given. */
    public static ImportSettings defaults() {
        return new ImportSettings(null, null, List.of(), null, null, null, null, false,
                ImportVerifier.DEFAULT_TOLERANCE);
    }

    public boolean hasReferences() {
        return referenceInputs != null;
    }
}
