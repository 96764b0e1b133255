package dev.wfnet.app.background;

import dev.wfnet.jobs.Progress;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a view model wants to hear of a job, always called on the thread the runner delivers on
 * (the FX thread in the window).
 *
 * @param onProgress each batch of progress records, oldest first: every record, in at most ten
 *     batches a second in the window (one record a batch where a runner delivers at once)
 * @param onSuccess the result
 * @param onFailure the cause; a cancelled job does not fail
 * @param onCancelled the job stopped because it was asked to
 */
public record JobCallbacks<T>(Consumer<List<Progress>> onProgress, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                              Runnable onCancelled) {

    public static <T> JobCallbacks<T> of(Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return new JobCallbacks<>(progress -> { }, onSuccess, onFailure, () -> { });
    }

    public JobCallbacks<T> withProgress(Consumer<List<Progress>> listener) {
        return new JobCallbacks<>(listener, onSuccess, onFailure, onCancelled);
    }

    public JobCallbacks<T> withCancelled(Runnable listener) {
        return new JobCallbacks<>(onProgress, onSuccess, onFailure, listener);
    }
}
