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
 * @param fit how images of another size than the model's input reach it, or null
 * @param runTorchScript for a TorchScript archive, run its module in the engine as the reference:
 *                       that runs the archive's TorchScript code, so it is only for files one trusts
 */
public record ImportSettings(ArchitectureSpec architecture, ImageShape input, List<String> classNames,
                             InputPreprocessing preprocessing, String entry, Path referenceInputs,
                             Path referenceOutputs, boolean acceptGuess, double tolerance, Fit fit,
                             boolean runTorchScript) {

    /**
     * The images the model will be used on have another shape than its input: they are framed
     * (black pixels, as {@code transforms.Pad} before {@code ToTensor}) or resized to it.
     *
     * @param dataShape the shape of those images
     * @param pad frame rather than resize
     */
    public record Fit(ImageShape dataShape, boolean pad) {
    }

    /** Settings without a fit. */
    public ImportSettings(ArchitectureSpec architecture, ImageShape input, List<String> classNames,
                          InputPreprocessing preprocessing, String entry, Path referenceInputs, Path referenceOutputs,
                          boolean acceptGuess, double tolerance) {
        this(architecture, input, classNames, preprocessing, entry, referenceInputs, referenceOutputs, acceptGuess,
                tolerance, null, false);
    }

    /** The same settings with a fit. */
    public ImportSettings withFit(Fit newFit) {
        return new ImportSettings(architecture, input, classNames, preprocessing, entry, referenceInputs,
                referenceOutputs, acceptGuess, tolerance, newFit, runTorchScript);
    }

    /** The same settings, running a TorchScript archive's module as the reference or not. */
    public ImportSettings withTorchScriptRun(boolean run) {
        return new ImportSettings(architecture, input, classNames, preprocessing, entry, referenceInputs,
                referenceOutputs, acceptGuess, tolerance, fit, run);
    }

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
