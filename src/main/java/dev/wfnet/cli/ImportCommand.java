package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.imports.ImportSettings;
import dev.wfnet.imports.ImportedModel;
import dev.wfnet.imports.InputPreprocessing;
import dev.wfnet.imports.ModelImporter;
import dev.wfnet.model.ArchitectureSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet import}: a PyTorch, TorchScript or safetensors model made into a workbench model. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a model trained elsewhere: a torch.save state_dict or checkpoint (.pt/.pth, zip or"
                + " the legacy pre-1.6 format), a TorchScript archive, or safetensors weights (timm, torchvision).",
                "Pickles are read as data by a restricted reader that accepts only what"
                        + " torch.load(weights_only=True) does; nothing in the file is run.",
                "The architecture is named with --arch or guessed from the weights; the import is checked name by name"
                        + " and shape by shape, and against the source's outputs with --reference-inputs/-outputs.",
                "A TensorFlow SavedModel (a directory with saved_model.pb and variables/) states its own layers; it is"
                        + " loaded by TensorFlow Java, whose run of its serving signature is the reference (loading runs"
                        + " its graph: import SavedModels you trust)."},
        footerHeading = "%nExamples:%n",
        footer = {"  wfnet import r18.pth --arch resnet18 --arch-arg stem=imagenet --input 3x224x224 -o r18.safetensors",
                "  wfnet import mnist_cnn.pt --arch sequential --arch-arg layers=@layers.txt --mean 0.1307 --std 0.3081"
                        + " -o mnist.safetensors",
                "  wfnet import vit.safetensors --arch vit --arch-arg heads=3 --classes classes.txt -o vit.safetensors",
                "  wfnet import fashion_mnist_model/ --classes classes.txt -o fmnist.safetensors"})
final class ImportCommand extends DomainCommand {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "The file (or SavedModel directory) to import")
    Path source;

    @Option(names = {"-o", "--out"}, description = "The model to write (.safetensors) (no default: required unless --dry-run)")
    Path out;

    @Option(names = "--arch", description = "Architecture id: ${COMPLETION-CANDIDATES}; guessed from the weights if"
            + " left out (default: guessed)", completionCandidates = PretrainCommand.ArchitectureIds.class)
    String architecture;

    @Option(names = "--arch-arg", description = "Architecture argument key=value (repeatable): stem=imagenet,"
            + " heads=3, layers='Conv2d(1, 32, 3), ReLU(), ...' or layers=@FILE (a layer list, print(model) output"
            + " works) (default: each argument read from the weights where it can be, else the architecture's own)")
    Map<String, String> architectureArguments = new LinkedHashMap<>();

    @Option(names = "--input", description = "The model's input shape CxHxW, e.g. 3x224x224 (default: read from the"
            + " weights or the reference inputs)")
    String input;

    @Option(names = "--data-shape", description = "The shape of the images the model will be used on, when it"
            + " differs from --input (a 1x32x32 LeNet on 1x28x28 digits); needs --fit (default: --input's)")
    String dataShape;

    @Option(names = "--fit", description = "How images of --data-shape reach the model: pad (a frame of black"
            + " pixels, as transforms.Pad) or resize (bilinear, as transforms.Resize); stored in the model (no default:"
            + " required with --data-shape)")
    String fit;

    @Option(names = "--classes", description = "Class names, comma-separated, or a text file with one per line"
            + " (default: 0, 1, ...)")
    String classes;

    @Option(names = "--mean", split = ",", description = "Per-channel mean of Normalize (0..1 units, or pixel units"
            + " with --raw-pixels); one value for all channels (default: none, /255 only; ImageNet's for stem=imagenet,"
            + " 0.5 for a ViT)")
    double[] mean;

    @Option(names = "--std", split = ",", description = "Per-channel std of Normalize, like --mean (default: as for --mean)")
    double[] std;

    @Option(names = "--raw-pixels", description = "The model takes 0..255 pixel values (no division by 255) (default: off)")
    boolean rawPixels;

    @Option(names = "--entry", description = "The key of the weights in a checkpoint dictionary, dotted"
            + " (default: found: state_dict, model_state_dict, model, net, ...)")
    String entry;

    @Option(names = "--reference-inputs", description = "Inputs (N x C x H x W, already normalised) to verify the"
            + " import on: .npy, a torch.save'd tensor or safetensors (default: none, probe inputs)")
    Path referenceInputs;

    @Option(names = "--reference-outputs", description = "The source model's outputs on them (logits,"
            + " log-probabilities or probabilities), given with --reference-inputs (default: none)")
    Path referenceOutputs;

    @Option(names = "--tolerance", defaultValue = "1e-4", description = "Largest absolute output difference accepted"
            + " against the references (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--run-torchscript", description = "For a TorchScript archive you trust: run its module in the"
            + " engine on probe inputs and require the import to reproduce its outputs (this runs the archive's"
            + " TorchScript code) (default: off)")
    boolean runTorchScript;

    @Option(names = "--accept-guess", description = "Accept a guessed architecture that rests on assumptions"
            + " (activations, pooling) without reference outputs (default: off)")
    boolean acceptGuess;

    @Option(names = "--dry-run", description = "Import and verify, print the report, write nothing (default: off)")
    boolean dryRun;

    @Override
    void execute() throws WfnetException {
        if (out == null && !dryRun) {
            throw new WfnetException("give the model to write with -o MODEL.safetensors (or --dry-run)");
        }
        if ((referenceInputs == null) != (referenceOutputs == null)) {
            throw new WfnetException("--reference-inputs and --reference-outputs go together");
        }
        if (!(tolerance > 0)) {
            throw new WfnetException("--tolerance must be positive, not " + tolerance);
        }
        ImportSettings settings = new ImportSettings(architectureSpec(),
                input == null ? null : shape(input), classNames(),
                new InputPreprocessing(mean, std, rawPixels), entry, referenceInputs, referenceOutputs, acceptGuess,
                tolerance);
        settings = settings.withTorchScriptRun(runTorchScript);
        if ((dataShape == null) != (fit == null)) {
            throw new WfnetException("--data-shape and --fit go together");
        }
        if (fit != null) {
            if (!fit.equals("pad") && !fit.equals("resize")) {
                throw new WfnetException("--fit must be pad or resize, not " + fit);
            }
            settings = settings.withFit(new ImportSettings.Fit(shape(dataShape), fit.equals("pad")));
        }
        ImportedModel imported = ModelImporter.run(source, settings);
        imported.report().lines().forEach(out()::println);
        if (dryRun) {
            out().println("not written (--dry-run)");
            return;
        }
        imported.checkpoint().write(out);
        out().println("wrote " + out);
    }

    private ArchitectureSpec architectureSpec() throws WfnetException {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, String> argument : architectureArguments.entrySet()) {
            String value = argument.getValue();
            arguments.put(argument.getKey(), value.startsWith("@") ? readText(Path.of(value.substring(1))) : value);
        }
        if (architecture == null) {
            if (!arguments.isEmpty()) {
                throw new WfnetException("--arch-arg needs --arch");
            }
            return null;
        }
        return ArchitectureSpec.of(architecture, arguments);
    }

    private List<String> classNames() throws WfnetException {
        if (classes == null) {
            return List.of();
        }
        Path file = Path.of(classes.startsWith("@") ? classes.substring(1) : classes);
        List<String> names = Files.isRegularFile(file)
                ? Arrays.stream(readText(file).split("\\R")).map(String::trim).filter(line -> !line.isEmpty()).toList()
                : Arrays.stream(classes.split(",")).map(String::trim).toList();
        if (names.stream().anyMatch(String::isEmpty) || names.isEmpty()) {
            throw new WfnetException("--classes has an empty class name: " + classes);
        }
        return names;
    }

    private static ImageShape shape(String text) throws WfnetException {
        try {
            return ImageShape.parse(text);
        } catch (IllegalArgumentException e) {
            throw new WfnetException(e.getMessage(), e);
        }
    }

    private static String readText(Path file) throws WfnetException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
