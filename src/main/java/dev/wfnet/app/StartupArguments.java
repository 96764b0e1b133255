package dev.wfnet.app;

import dev.wfnet.WfnetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the window opens at start: {@code [MODEL] [--bank BANK] [--data SPEC]}, a saved session
 * ({@code SESSION.wfsession}), or with neither the bundled sample (small CNN, its bank, the bundled
 * Fashion-MNIST subset).
 *
 * @param model the model file
 * @param bank the bank file, if any
 * @param dataSpec the dataset spec
 * @param session a session to open instead of the files above
 */
public record StartupArguments(Path model, Optional<Path> bank, String dataSpec, Optional<Path> session) {
    /** Set by the launch script to the clone's {@code sample-models} folder. */
    public static final String SAMPLES_PROPERTY = "wfnet.samples";
    public static final String USAGE = "usage: workbench [MODEL.safetensors] [--bank BANK.safetensors] [--data SPEC] | SESSION.wfsession";

    public static StartupArguments parse(List<String> arguments) throws WfnetException {
        Path model = null;
        Path bank = null;
        String data = "fashion-mnist-bundled";
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--bank" -> bank = Path.of(valueAfter(arguments, i++));
                case "--data" -> data = valueAfter(arguments, i++);
                default -> {
                    if (argument.startsWith("-") || model != null) {
                        throw new WfnetException("unexpected argument '" + argument + "'; " + USAGE);
                    }
                    model = Path.of(argument);
                }
            }
        }
        if (model != null && model.getFileName().toString().endsWith(dev.wfnet.app.workspace.FileKind.SESSION_EXTENSION)) {
            return new StartupArguments(model, Optional.empty(), data, Optional.of(model));
        }
        if (model == null) {
            Path samples = Path.of(System.getProperty(SAMPLES_PROPERTY, "sample-models"));
            model = samples.resolve("small-cnn.safetensors");
            Path sampleBank = samples.resolve("small-cnn-bank.safetensors");
            if (bank == null && Files.exists(sampleBank)) {
                bank = sampleBank;
            }
        }
        return new StartupArguments(model, Optional.ofNullable(bank), data, Optional.empty());
    }

    private static String valueAfter(List<String> arguments, int index) throws WfnetException {
        if (index + 1 >= arguments.size()) {
            throw new WfnetException(arguments.get(index) + " needs a value; " + USAGE);
        }
        return arguments.get(index + 1);
    }
}
