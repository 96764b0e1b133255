package dev.wfnet.app.background;

import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.ProgressListener;

/** Work that may take long: reports progress, checks the token at least once per step. */
@FunctionalInterface
public interface Job<T> {
    T run(ProgressListener progress, CancellationToken cancel) throws Exception;
}
