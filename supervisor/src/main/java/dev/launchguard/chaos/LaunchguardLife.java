package dev.launchguard.chaos;

import dev.launchguard.api.RuntimeFile;
import dev.launchguard.api.RuntimeInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * launchguard itself as a chaos target: which process it is (its runtime file), how to kill it, and
 * how to tell that a new one runs. With a keeper, the campaign starts it again itself; without, it
 * waits for launchd's {@code KeepAlive} (or whatever else keeps it alive) to do so.
 */
final class LaunchguardLife {

    private static final Duration POLL = Duration.ofMillis(20);

    /** The process that was killed, and when the signal went out. */
    record Killed(long pid, Instant at) {
    }

    private final Path runtimeFile;
    private final URI url;
    private final Optional<LaunchguardKeeper> keeper;

    LaunchguardLife(Path stateDir, URI url, Optional<LaunchguardKeeper> keeper) {
        this.runtimeFile = stateDir.resolve(RuntimeFile.NAME);
        this.url = url;
        this.keeper = keeper;
    }

    /** SIGKILLs the running launchguard, waits until it is gone, and starts it again if there is a keeper. */
    Killed kill(Duration deathBound) throws IOException, InterruptedException {
        RuntimeInfo info = running().orElseThrow(() -> new IOException("no running launchguard is named in "
                + runtimeFile + " (its runtime file): cannot tell which process to kill"));
        if (!strip(info.url()).equals(strip(url))) {
            throw new IOException(runtimeFile + " names launchguard pid " + info.pid() + " at " + info.url()
                    + ", not the one the campaign targets (" + url + ")");
        }
        Optional<LaunchguardKeeper.Recipe> recipe = keeper.isPresent()
                ? Optional.of(LaunchguardKeeper.capture(info.pid())) : Optional.empty();
        Instant at = Instant.now();
        Optional<String> failure = ProcessSignals.send(info.pid(), "KILL");
        if (failure.isPresent()) {
            throw new IOException("launchguard pid " + info.pid() + " could not be killed: " + failure.get());
        }
        long deadline = System.nanoTime() + deathBound.toNanos();
        while (ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("launchguard pid " + info.pid() + " still runs " + deathBound.toSeconds()
                        + " s after SIGKILL");
            }
            Thread.sleep(POLL.toMillis());
        }
        if (recipe.isPresent()) {
            keeper.get().start(recipe.get());
        }
        return new Killed(info.pid(), at);
    }

    /** The PID of a live launchguard named by the runtime file, unless it is {@code killed}. */
    OptionalLong runningOtherThan(long killed) {
        return running().filter(i -> i.pid() != killed).map(i -> OptionalLong.of(i.pid())).orElse(OptionalLong.empty());
    }

    private Optional<RuntimeInfo> running() {
        try {
            return RuntimeFile.read(runtimeFile)
                    .filter(i -> ProcessHandle.of(i.pid()).map(ProcessHandle::isAlive).orElse(false));
        } catch (IOException | RuntimeException e) {
            // Mid-rewrite or unreadable: not known to run yet.
            return Optional.empty();
        }
    }

    private static String strip(URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }
}
