package dev.wfnet.imports;

import dev.wfnet.cli.WfnetCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a fresh JVM by {@link TensorFlowLoadingTest}: a sequence of {@code wfnet} commands, then
 * which engines' native libraries the process mapped (from {@code /proc/self/maps}). Usage:
 * {@code EngineProbe COMMAND-ARGS [;; COMMAND-ARGS ...]}.
 */
public final class EngineProbe {
    private EngineProbe() {
    }

    public static void main(String[] args) throws IOException {
        int from = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(";;")) {
                String[] command = java.util.Arrays.copyOfRange(args, from, i);
                System.out.println("probe-exit " + String.join(" ", command).split(" ")[0] + " "
                        + WfnetCommand.run(command));
                from = i + 1;
            }
        }
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        System.out.println("probe-tensorflow-native " + maps.stream().anyMatch(l -> l.contains("libtensorflow")));
        System.out.println("probe-torch-native " + maps.stream().anyMatch(l -> l.contains("libtorch")));
    }
}
