package dev.wfnet.jobs;

/** Receives a job's progress on the job's own thread; adapters hop to a UI thread themselves. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
