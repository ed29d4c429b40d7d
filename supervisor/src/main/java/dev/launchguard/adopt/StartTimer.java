package dev.launchguard.adopt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code --measure-start}: restarts one job and times its new process from its start to the first
 * answer of its ready route (GET, expecting 200). The only part of init that changes anything, so
 * the command asks before it calls this. Every wait is bounded.
 */
public final class StartTimer {

    /** How a job is restarted: {@code launchctl kickstart -k} on macOS, SIGTERM to a KeepAlive job elsewhere. */
    public interface Restart {
        void restart(Seen.Running running, String label) throws IOException;
    }

    /** What was measured, or why nothing was. */
    public record Measured(Optional<Duration> start, long pid, String how) {
    }

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration NEW_PROCESS = Duration.ofMinutes(2);
    private static final Duration READY = Duration.ofMinutes(15);

    private StartTimer() {
    }

    /**
     * Restarts the job and waits (at most 2 min for the new process, 15 min for its first answer).
     *
     * @param now the job as the job manager shows it, asked again at every poll
     */
    public static Measured measure(String label, Seen.Running before, URI ready, Supplier<Seen> now, Restart restart)
            throws IOException, InterruptedException {
        restart.restart(before, label);
        Instant deadline = Instant.now().plus(NEW_PROCESS);
        Seen.Running after = null;
        while (after == null) {
            if (now.get() instanceof Seen.Running r && r.pid() != before.pid() && r.started().isPresent()) {
                after = r;
            } else if (Instant.now().isAfter(deadline)) {
                return new Measured(Optional.empty(), before.pid(), "no new process within " + NEW_PROCESS.toMinutes() + " min");
            } else {
                Thread.sleep(POLL.toMillis());
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest get = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build();
        deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Duration took = Duration.between(after.started().orElseThrow(), Instant.now());
                    return new Measured(Optional.of(took), after.pid(), "pid " + after.pid() + " answered GET " + ready
                            + " with 200 " + String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0)
                            + " after it started");
                }
            } catch (IOException e) {
                // not listening yet, or not answering: poll again
            }
            Thread.sleep(POLL.toMillis());
        }
        return new Measured(Optional.empty(), after.pid(), "pid " + after.pid() + " did not answer GET " + ready
                + " with 200 within " + READY.toMinutes() + " min");
    }
}
