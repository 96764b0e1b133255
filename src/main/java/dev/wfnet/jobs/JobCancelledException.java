package dev.wfnet.jobs;

import dev.wfnet.WfnetException;

/** Thrown by a job that stopped because its {@link CancellationToken} was raised. */
public final class JobCancelledException extends WfnetException {
    private static final long serialVersionUID = 1L;

    public JobCancelledException() {
        super("cancelled");
    }
}
