package dev.wfnet.jobs;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a job checks at least once per step; any thread may raise it. */
public final class CancellationToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token nobody will ever cancel, for callers that run work to the end. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link JobCancelledException} if the job was asked to stop. */
    public void throwIfCancelled() throws JobCancelledException {
        if (cancelled.get()) {
            throw new JobCancelledException();
        }
    }
}
