package dev.wfnet.cli;

import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.unlearn.CheckpointSchedule;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code wfnet untrain} says after Ctrl-C: the step it stopped after, the checkpoint kept and
 * the exact command that continues from it. Passes every progress record on, noting how far the
 * run got.
 */
final class UntrainCancel implements ProgressListener {
    private final UntrainConfig config;
    private final long startStep;
    private final Path resumedFrom;
    private final Path checkpointFile;
    private final List<String> arguments;
    private final ProgressListener next;
    private volatile long lastStep;

    /**
     * @param startStep 0, or the step of the checkpoint the run resumed
     * @param resumedFrom that checkpoint's file, or null for a fresh run
     * @param checkpointFile where the run writes its checkpoints
     * @param arguments the command line as given, after "wfnet"
     * @param next where the records go on to (the progress line)
     */
    UntrainCancel(UntrainConfig config, long startStep, Path resumedFrom, Path checkpointFile, List<String> arguments,
                  ProgressListener next) {
        this.config = config;
        this.startStep = startStep;
        this.resumedFrom = resumedFrom;
        this.lastStep = startStep;
        this.checkpointFile = checkpointFile;
        this.arguments = List.copyOf(arguments);
        this.next = next;
    }

    @Override
    public void onProgress(Progress progress) {
        if (UntrainingJob.STEP.equals(progress.phase())) {
            lastStep = progress.step();
        }
        next.onProgress(progress);
    }

    /** The lines printed after the cancel. */
    String message() {
        long kept = CheckpointSchedule.keptAfterCancel(config, startStep, lastStep);
        String where = String.format(Locale.ROOT, "cancelled after step %d of %d.", lastStep, config.steps());
        if (kept == 0) {
            return where + " No checkpoint was written yet (one is written every " + config.checkpointEvery()
                    + " steps, --checkpoint-every): run the same command again to start over.";
        }
        // a run resumed and cancelled before its first checkpoint leaves the file it resumed from
        Path file = kept == startStep && resumedFrom != null ? resumedFrom : checkpointFile;
        return where + " The checkpoint of step " + kept + " is kept in " + file + "; to continue from it:\n  "
                + resumeCommand(arguments, file);
    }

    /** The command line as given, with {@code --resume} pointing at the checkpoint (replacing any). */
    static String resumeCommand(List<String> arguments, Path checkpoint) {
        List<String> words = new ArrayList<>(List.of("wfnet"));
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--resume")) {
                i++;
            } else if (!argument.startsWith("--resume=")) {
                words.add(argument);
            }
        }
        words.add("--resume");
        words.add(checkpoint.toString());
        return String.join(" ", words.stream().map(UntrainCancel::quoted).toList());
    }

    /** A word as a POSIX shell reads it back unchanged. */
    static String quoted(String word) {
        return !word.isEmpty() && word.matches("[A-Za-z0-9_./:=,@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
