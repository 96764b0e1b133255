package dev.wfnet.imports;

import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Json;
import dev.wfnet.io.Provenance;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.ParameterRole;
import dev.wfnet.model.ParameterSpec;
import dev.wfnet.model.SequentialLayer;
import dev.wfnet.model.SequentialLayers;
import dev.wfnet.model.SequentialNetwork;
import dev.wfnet.model.TorchRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The import pipeline: a foreign file is read as data by its {@link SourceReader}; its weights
 * are found ({@link StateDictLocator}) and cleaned ({@link NameCleanup}); the architecture is the
 * one given or the one the names and shapes say ({@link ArchitectureGuess}), its arguments not
 * given read from the weights; known aliases are applied ({@link Aliases}) and every name and
 * shape checked against it ({@link NetworkWeights#checkShapes}) before any value is decoded; the
 * network is run against reference outputs or probe inputs ({@link ImportVerifier}); the result
 * is an ordinary model checkpoint whose provenance holds the source's SHA-256, every renaming and
 * the verification. Nothing is written here: the caller writes the checkpoint (atomically).
 */
public final class ModelImporter {
    public static final String COMMAND = "import";

    private ModelImporter() {
    }

    /**
     * What a source holds and what an import would propose, without importing: for the window's
     * import sheet and for messages.
     */
    public static ImportPlan inspect(Path source) throws WfnetException {
        SourceReader reader = SourceReaders.forFile(source);
        try (SourceContent content = reader.read(source)) {
            StateDict state = NameCleanup.clean(StateDictLocator.locate(content, source.toString(), null));
            ArchitectureGuess.Guess guess = content.architecture() != null
                    ? ArchitectureGuess.Guess.of(content.architecture().candidate())
                    : ArchitectureGuess.guess(state, null);
            return new ImportPlan(source, reader.id(), reader.description(), state.tensors().size(), state.steps(),
                    guess, content.architecture() != null);
        }
    }

    /** Imports a source file into a model checkpoint, verified, or refuses it with the reason. */
    public static ImportedModel run(Path source, ImportSettings settings) throws WfnetException {
        Instant started = Instant.now();
        String name = source.toString();
        // a SavedModel is a directory (given as it or as its saved_model.pb): its files' hash
        String sha256 = java.nio.file.Files.isDirectory(source) ? Hashing.sha256OfDirectory(source)
                : source.getFileName() != null && source.getFileName().toString().equals(SavedModelReader.GRAPH_FILE)
                ? Hashing.sha256OfDirectory(SavedModelReader.directory(source)) : Hashing.sha256(source);
        SourceReader reader = SourceReaders.forFile(source);
        try (SourceContent content = reader.read(source)) {
            StateDict located = StateDictLocator.locate(content, name, settings.entry());
            Map<SourceTensor, String> original = new IdentityHashMap<>();
            located.tensors().forEach((key, tensor) -> original.put(tensor, key));
            StateDict state = NameCleanup.clean(located);
            References references = References.read(settings);
            // a file that states its architecture is taken at its word unless the user names another
            SourceArchitecture stated = states(content.architecture(), settings.architecture()) ? content.architecture()
                    : null;
            Choice choice = stated != null ? stated(stated, settings, name)
                    : choose(state, references.inputShape(settings), settings, name);
            Architecture architecture = build(choice.spec(), choice.input(), choice.classes());
            Set<String> expected = architecture.parameters().stream().map(ParameterSpec::name)
                    .collect(Collectors.toSet());
            state = Aliases.apply(state, expected);
            NetworkWeights.checkShapes(architecture, state.shapes(), name);
            Map<String, HostTensor> weights = new LinkedHashMap<>();
            Map<String, String> mapping = new TreeMap<>();
            for (ParameterSpec parameter : architecture.parameters()) {
                SourceTensor tensor = state.tensors().get(parameter.name());
                weights.put(parameter.name(), tensor.load());
                String from = original.get(tensor);
                if (from != null && !from.equals(parameter.name())) {
                    mapping.put(from, parameter.name());
                }
            }
            List<String> classNames = classNames(settings.classNames(), architecture.classCount());
            InputPreprocessing.Resolved input = stated == null ? resolve(settings.preprocessing(), architecture)
                    : stated.fold(resolve(stated.preprocessing(settings.preprocessing()), architecture));
            // a source that runs itself (a SavedModel) is its own reference when none was given
            ImportVerifier.Verification verification = !references.given() && stated != null
                    && content.resource() instanceof SourceModel model
                    ? SourceModelReference.verify(model, stated, architecture, weights, settings.tolerance())
                    : verify(architecture, weights, stated == null ? references : references.inLayoutOf(stated),
                    source, reader.id(), settings);
            List<String> steps = new ArrayList<>(state.steps());
            if (stated != null) {
                steps.addAll(stated.steps());
            }
            if (choice.step() != null) {
                steps.add(choice.step());
            }
            String preprocessing = input.description();
            if (settings.fit() != null) {
                Fitted fitted = fit(architecture, weights, settings.fit(), input.normalization());
                architecture = fitted.architecture();
                preprocessing += "; " + fitted.description();
            }
            ImportReport report = new ImportReport(source, reader.id(), reader.description(), sha256, steps, mapping,
                    architecture.spec(), architecture.inputShape(), architecture.classCount(), choice.how(),
                    choice.assumptions(), preprocessing, verification);
            Provenance provenance = new Provenance(COMMAND, inputs(sha256, settings), 0,
                    report.configuration(), Provenance.runtimeVersions(TorchRuntime.describe()), started,
                    Duration.between(started, Instant.now()).toNanos() / 1e9);
            ModelCheckpoint checkpoint = new ModelCheckpoint(architecture.spec(), architecture.inputShape(),
                    input.normalization(), classNames, weights, provenance);
            return new ImportedModel(checkpoint, report);
        }
    }

    /**
     * The architecture chosen and why.
     *
     * @param how "given", "guessed", ... for the report
     * @param step a step to record (the layer list's names matched to the file's), or null
     */
    private record Choice(ArchitectureSpec spec, ImageShape input, int classes, String how,
                          List<String> assumptions, String step) {
    }

    /**
     * @param input the input shape given or read from the reference inputs, or null
     */
    private static Choice choose(StateDict state, ImageShape input, ImportSettings settings, String source)
            throws WfnetException {
        ArchitectureSpec given = settings.architecture();
        ArchitectureGuess.Guess guess = ArchitectureGuess.guess(state, input);
        if (given == null) {
            ArchitectureGuess.Candidate candidate = guess.candidate().orElseThrow(() -> new WfnetException(source
                    + ": the architecture cannot be told from the weights (" + guess.failure() + "); name it with"
                    + " --arch (" + String.join(", ", ArchitectureCatalog.ids()) + ")"));
            if (!candidate.certain() && !settings.acceptGuess() && !settings.hasReferences()) {
                throw new WfnetException(needsConfirmation(source, candidate));
            }
            return new Choice(candidate.spec(), candidate.input(), candidate.classes(), "guessed from the weights"
                    + (candidate.certain() ? "" : settings.hasReferences() ? ", confirmed by the reference outputs"
                    : ", accepted with --accept-guess"), candidate.assumptions(), null);
        }
        if (given.id().equals(SequentialNetwork.ID)) {
            return sequential(state, input, settings, given, guess, source);
        }
        ArchitectureGuess.Candidate candidate = guess.candidate().filter(c -> c.spec().id().equals(given.id()))
                .orElse(null);
        if (candidate != null) {
            Map<String, String> arguments = new TreeMap<>(candidate.spec().arguments());
            arguments.putAll(given.arguments());
            List<String> assumptions = candidate.assumptions().stream()
                    .filter(a -> given.arguments().keySet().stream().noneMatch(key -> a.startsWith(key + "=")))
                    .filter(a -> input == null || !a.startsWith("input"))
                    .toList();
            String how = "given" + (arguments.equals(given.arguments()) ? "" : "; arguments not given read from the"
                    + " weights (" + arguments.entrySet().stream().filter(e -> !given.arguments().containsKey(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")");
            return new Choice(ArchitectureSpec.of(given.id(), arguments), input != null ? input : candidate.input(),
                    candidate.classes(), how, assumptions, null);
        }
        List<String> assumptions = new ArrayList<>();
        ImageShape shape = input;
        if (shape == null) {
            shape = new ImageShape(1, 28, 28);
            assumptions.add("input " + shape + " (give the model's with --input)");
        }
        return new Choice(given, shape, classesOf(given, shape, state, source), "given", assumptions, null);
    }

    /**
     * Whether the architecture a file states is the one to use: nothing else was given, or the
     * same was given (the window's import sheet gives back what it was shown).
     */
    private static boolean states(SourceArchitecture stated, ArchitectureSpec given) {
        if (stated == null) {
            return false;
        }
        if (given == null || given.equals(stated.spec())) {
            return true;
        }
        String layers = given.arguments().get("layers");
        if (!given.id().equals(SequentialNetwork.ID) || layers == null || given.arguments().size() != 1) {
            return false;
        }
        try {
            return SequentialLayers.text(SequentialLayers.parse(layers)).equals(stated.spec().arguments().get("layers"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The architecture the file states; an input size given must be the one it states. */
    private static Choice stated(SourceArchitecture stated, ImportSettings settings, String source)
            throws WfnetException {
        if (settings.input() != null && !settings.input().equals(stated.input())) {
            throw new WfnetException(source + " states its input as " + stated.input() + ", not " + settings.input()
                    + "; leave out --input, and use --fit to take images of another size");
        }
        return new Choice(stated.spec(), stated.input(), stated.classes(), "stated by the file",
                stated.assumptions(), null);
    }

    private static Choice sequential(StateDict state, ImageShape input, ImportSettings settings,
                                     ArchitectureSpec given, ArchitectureGuess.Guess guess, String source)
            throws WfnetException {
        String text = given.arguments().get("layers");
        if (given.arguments().keySet().stream().anyMatch(key -> !key.equals("layers"))) {
            throw new WfnetException("sequential takes one argument, layers; got " + given.arguments().keySet());
        }
        if (text == null) {
            ArchitectureGuess.Candidate candidate = guess.candidate().filter(ArchitectureGuess::isSequential)
                    .orElseThrow(() -> new WfnetException("sequential needs its layer list: --arch-arg layers='Conv2d(1,"
                            + " 32, 3), ReLU(), ...' or layers=@FILE (" + guess.failure() + ")"));
            if (!settings.acceptGuess() && !settings.hasReferences()) {
                throw new WfnetException(needsConfirmation(source, candidate));
            }
            return new Choice(candidate.spec(), candidate.input(), candidate.classes(), "sequential given, layer list"
                    + " guessed from the weights", candidate.assumptions(), null);
        }
        List<SequentialLayer> layers;
        try {
            layers = SequentialLayers.parse(text);
        } catch (IllegalArgumentException e) {
            throw new WfnetException("cannot read the layer list: " + e.getMessage(), e);
        }
        LayerAlignment.Aligned aligned = LayerAlignment.align(layers, state, source);
        SequentialLayer.Linear last = aligned.layers().stream().filter(l -> l instanceof SequentialLayer.Linear)
                .map(l -> (SequentialLayer.Linear) l).reduce((a, b) -> b)
                .orElseThrow(() -> new WfnetException("the layer list has no Linear layer to give the class scores"));
        ImageShape shape = input != null ? input : LayerAlignment.inputFor(aligned.layers(), last.out());
        List<String> assumptions = input != null ? List.of()
                : List.of("input " + shape + " (the first size the layer list fits; give --input if it differs)");
        return new Choice(ArchitectureSpec.of(SequentialNetwork.ID, Map.of("layers",
                SequentialLayers.text(aligned.layers()))), shape, last.out(), "given", assumptions, aligned.step());
    }

    private static String needsConfirmation(String source, ArchitectureGuess.Candidate candidate) {
        StringBuilder message = new StringBuilder(source).append(": the weights suggest ")
                .append(candidate.spec().id()).append(" with ").append(candidate.spec().arguments())
                .append(", input ").append(candidate.input()).append(", but ")
                .append(String.join("; ", candidate.assumptions()));
        if (!candidate.alternatives().isEmpty()) {
            message.append("; other fits: ").append(String.join(" | ", candidate.alternatives()));
        }
        message.append(". Check it against the model's code, then name it with --arch ").append(candidate.spec().id());
        candidate.spec().arguments().forEach((key, value) -> message.append(" --arch-arg '").append(key).append('=')
                .append(value).append('\''));
        message.append(" (corrected where needed), or confirm it with --accept-guess, or verify it with"
                + " --reference-inputs/--reference-outputs");
        return message.toString();
    }

    /**
     * The number of classes: the output rows of the architecture's last weight (its classifier),
     * found in the weights under that name or an alias of it.
     */
    private static int classesOf(ArchitectureSpec spec, ImageShape input, StateDict state, String source)
            throws WfnetException {
        Architecture provisional = build(spec, input, 1);
        ParameterSpec classifier = null;
        for (ParameterSpec parameter : provisional.parameters()) {
            if (parameter.role() == ParameterRole.WEIGHT && parameter.shape().length == 2) {
                classifier = parameter;
            }
        }
        if (classifier == null) {
            throw new WfnetException(spec.id() + " has no linear classifier to count the classes by");
        }
        Set<String> expected = provisional.parameters().stream().map(ParameterSpec::name).collect(Collectors.toSet());
        long[] shape = Aliases.apply(state, expected).shape(classifier.name());
        if (shape == null || shape.length != 2) {
            throw new WfnetException(source + " has no classifier weight " + classifier.name() + " (two dimensions),"
                    + " which " + spec.id() + " ends in; its tensors are " + describe(state));
        }
        return (int) shape[0];
    }

    private static Architecture build(ArchitectureSpec spec, ImageShape input, int classes) throws WfnetException {
        return ArchitectureCatalog.create(spec, input, classes);
    }

    private static List<String> classNames(List<String> given, int classes) throws WfnetException {
        if (given.isEmpty()) {
            return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        }
        if (given.size() != classes) {
            throw new WfnetException("the model has " + classes + " outputs, but " + given.size()
                    + " class names were given");
        }
        return given;
    }

    private static InputPreprocessing.Resolved resolve(InputPreprocessing preprocessing, Architecture architecture)
            throws WfnetException {
        try {
            return preprocessing.resolve(architecture.spec(), architecture.inputShape().channels());
        } catch (IllegalArgumentException e) {
            throw new WfnetException("bad normalisation: " + e.getMessage(), e);
        }
    }

    /**
     * Against the references given; for a TorchScript archive, when asked, against the module
     * itself run by the engine; else on probe inputs.
     */
    private static ImportVerifier.Verification verify(Architecture architecture, Map<String, HostTensor> weights,
                                                      References references, Path source, String format,
                                                      ImportSettings settings) throws WfnetException {
        double tolerance = settings.tolerance();
        if (references.inputs() != null) {
            return ImportVerifier.againstReference(architecture, weights, references.inputs(), references.outputs(),
                    tolerance);
        }
        if (format.equals(TorchScriptReader.ID) && settings.runTorchScript()) {
            TorchScriptReference.Outputs module = TorchScriptReference.run(source, architecture.inputShape());
            if (module.outputs() != null) {
                return ImportVerifier.againstReference(architecture, weights, module.inputs(), module.outputs(),
                        tolerance, "the TorchScript module's own outputs (run by the engine on probe inputs)");
            }
            ImportVerifier.Verification probed = ImportVerifier.probe(architecture, weights);
            return new ImportVerifier.Verification(false, probed.samples(), Double.NaN, probed.summary() + "; "
                    + module.failure());
        }
        return ImportVerifier.probe(architecture, weights);
    }

    /** A network that takes images of another size, and what it does to them. */
    private record Fitted(Architecture architecture, String description) {
    }

    /**
     * The imported network behind an {@link InputFit} for images of the fit's shape; run on probe
     * inputs of that shape. The frame is black: its value is each channel's normalised 0.
     */
    private static Fitted fit(Architecture network, Map<String, HostTensor> weights, ImportSettings.Fit request,
                              dev.wfnet.data.Normalization normalization) throws WfnetException {
        ImageShape data = request.dataShape();
        ImageShape model = network.inputShape();
        if (data.channels() != model.channels()) {
            throw new WfnetException("the images have " + data.channels() + " channels, the model takes "
                    + model.channels() + "; fitting changes only the size");
        }
        double[] fill = new double[model.channels()];
        for (int c = 0; c < fill.length; c++) {
            fill[c] = -normalization.mean()[c] / normalization.std()[c];
        }
        dev.wfnet.model.InputFit fit = new dev.wfnet.model.InputFit(request.pad(), model.height(), model.width(),
                request.pad() ? fill : new double[0]);
        Map<String, String> arguments = new TreeMap<>(network.spec().arguments());
        arguments.put(dev.wfnet.model.InputFit.ARGUMENT, fit.text());
        Architecture fitted = build(ArchitectureSpec.of(network.spec().id(), arguments), data, network.classCount());
        ImportVerifier.probe(fitted, weights);
        return new Fitted(fitted, (request.pad() ? data + " images framed with black pixels" : data + " images resized"
                + " (bilinear, as PIL)") + " to the model's " + model + " input");
    }

    /** The reference inputs and outputs, read before the architecture is chosen: their shape is the input's. */
    private record References(HostTensor inputs, HostTensor outputs) {
        static References read(ImportSettings settings) throws WfnetException {
            if (!settings.hasReferences()) {
                return new References(null, null);
            }
            return new References(ReferenceTensors.read(settings.referenceInputs()),
                    ReferenceTensors.read(settings.referenceOutputs()));
        }

        boolean given() {
            return inputs != null;
        }

        /** The same references with the inputs turned from the source model's layout into the network's. */
        References inLayoutOf(SourceArchitecture stated) throws WfnetException {
            return inputs == null ? this : new References(stated.networkInputs(inputs), outputs);
        }

        /** The input shape given, or the one of N x C x H x W reference inputs. */
        ImageShape inputShape(ImportSettings settings) {
            if (settings.input() != null || inputs == null) {
                return settings.input();
            }
            long[] shape = inputs.shape();
            return shape.length == 4 && shape[1] > 0 && shape[2] > 0 && shape[3] > 0
                    && shape[1] * shape[2] * shape[3] <= Integer.MAX_VALUE
                    ? new ImageShape((int) shape[1], (int) shape[2], (int) shape[3]) : null;
        }
    }

    private static Map<String, String> inputs(String sha256, ImportSettings settings) throws WfnetException {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("source", sha256);
        if (settings.hasReferences()) {
            inputs.put("reference_inputs", Hashing.sha256(settings.referenceInputs()));
            inputs.put("reference_outputs", Hashing.sha256(settings.referenceOutputs()));
        }
        return inputs;
    }

    private static String describe(StateDict state) {
        return state.shapes().entrySet().stream().limit(8)
                .map(e -> e.getKey() + " " + HostTensor.shapeText(e.getValue()))
                .collect(Collectors.joining(", ")) + (state.tensors().size() > 8 ? ", ..." : "");
    }

    /** The mapping of source names to model names as JSON, for the provenance. */
    static String mappingJson(Map<String, String> mapping) {
        JsonObject json = new JsonObject();
        mapping.forEach(json::addProperty);
        return Json.GSON.toJson(json);
    }
}
