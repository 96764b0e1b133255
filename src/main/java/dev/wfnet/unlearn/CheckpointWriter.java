package dev.wfnet.unlearn;

import dev.wfnet.WfnetException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes a round's checkpoints off the training thread: one background writer, one write at a
 * time, each atomic as {@link BankCheckpoint#write} is. A checkpoint holds host copies of the
 * alphas and moments, so training goes on while it is written. A failed write is reported by the
 * next {@link #submit} or by {@link #finish}; {@link #close} waits for the write under way, so
 * nothing is left half-written when a round ends, however it ends.
 */
final class CheckpointWriter implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wfnet-checkpoint-writer");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> pending;
    private int pendingStep;
    private volatile long writingNanos;
    private volatile int lastWritten = -1;

    /**
     * Writes {@code checkpoint} to {@code file} in the background, after the write before it.
     *
     * @throws WfnetException if the write before it failed
     */
    void submit(BankCheckpoint checkpoint, Path file) throws WfnetException {
        finish();
        int step = checkpoint.step();
        pendingStep = step;
        pending = executor.submit(() -> {
            long start = System.nanoTime();
            checkpoint.write(file);
            writingNanos += System.nanoTime() - start;
            lastWritten = step;
            return null;
        });
    }

    /**
     * Waits for the write under way.
     *
     * @throws WfnetException if it failed, naming its step
     */
    void finish() throws WfnetException {
        if (pending == null) {
            return;
        }
        Future<?> waiting = pending;
        pending = null;
        try {
            waiting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WfnetException("interrupted while the checkpoint of step " + pendingStep + " was written");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WfnetException failure) {
                throw failure;
            }
            throw new WfnetException("writing the checkpoint of step " + pendingStep + " failed: " + cause, cause);
        }
    }

    /** The step of the last checkpoint known to be written, -1 for none. */
    int lastWritten() {
        return lastWritten;
    }

    /** Time the writer spent writing, off the training thread. */
    double writingSeconds() {
        return writingNanos / 1e9;
    }

    /** Waits for the write under way (its failure, if any, was or will be reported elsewhere). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
