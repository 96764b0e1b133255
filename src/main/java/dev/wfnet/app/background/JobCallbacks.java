package dev.wfnet.app.background;

import dev.wfnet.jobs.Progress;
import java.util.function.Consumer;

/**
 * What a view model wants to hear of a job, always called on the thread the runner delivers on
 * (the FX thread in the window).
 *
 * @param onProgress each progress record (the window drops records that arrive faster than it paints)
 * @param onSuccess the result
 * @param onFailure the cause; a cancelled job does not fail
 * @param onCancelled the job stopped because it was asked to
 */
public record JobCallbacks<T>(Consumer<Progress> onProgress, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                              Runnable onCancelled) {

    public static <T> JobCallbacks<T> of(Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return new JobCallbacks<>(progress -> { }, onSuccess, onFailure, () -> { });
    }

    public JobCallbacks<T> withProgress(Consumer<Progress> listener) {
        return new JobCallbacks<>(listener, onSuccess, onFailure, onCancelled);
    }

    public JobCallbacks<T> withCancelled(Runnable listener) {
        return new JobCallbacks<>(onProgress, onSuccess, onFailure, listener);
    }
}
