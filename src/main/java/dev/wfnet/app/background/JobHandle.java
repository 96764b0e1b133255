package dev.wfnet.app.background;

/** A started job: it can be asked to stop; it stops at its next check. */
public interface JobHandle {
    void cancel();

    boolean isRunning();
}
