package dev.launchguard.watch;

import java.util.Objects;
import java.util.Optional;

/**
 * What one watcher inside launchguard has to show: whether it is configured, its latest report, and
 * why its file was last refused (at start or at a reload; the previous checks keep running then).
 *
 * @param latest the last finished run, empty before the first
 * @param fileError the message of the last refused watcher file, empty once a file loads
 */
public record WatchState<T>(boolean configured, Optional<T> latest, Optional<String> fileError) {

    public WatchState {
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(fileError, "fileError");
    }

    public static <T> WatchState<T> off() {
        return new WatchState<>(false, Optional.empty(), Optional.empty());
    }

    public WatchState<T> withLatest(T report) {
        return new WatchState<>(configured, Optional.of(report), fileError);
    }
}
