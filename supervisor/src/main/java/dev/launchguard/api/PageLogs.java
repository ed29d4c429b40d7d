package dev.launchguard.api;

import dev.launchguard.fleet.FleetView;
import dev.launchguard.fleet.LogRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The ends of a job's stdout and stderr for its page; a log that cannot be read says why. */
final class PageLogs {

    private PageLogs() {
    }

    static CompletableFuture<List<JobPage.Log>> read(FleetView fleet, String label, int bytes) {
        CompletableFuture<JobPage.Log> out = one(fleet, label, LogRequest.Stream.STDOUT, bytes);
        CompletableFuture<JobPage.Log> err = one(fleet, label, LogRequest.Stream.STDERR, bytes);
        return out.thenCombine(err, List::of);
    }

    private static CompletableFuture<JobPage.Log> one(FleetView fleet, String label, LogRequest.Stream stream, int bytes) {
        String name = stream.name().toLowerCase(java.util.Locale.ROOT);
        return fleet.log(label, new LogRequest(stream, OptionalLong.empty(), bytes)).handle((chunk, failure) -> {
            if (failure == null) {
                return new JobPage.Log(name, Optional.of(chunk.path().toString()), Optional.of(chunk.text()),
                        Optional.empty());
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return new JobPage.Log(name, Optional.empty(), Optional.empty(), Optional.of(String.valueOf(cause.getMessage())));
        });
    }
}
