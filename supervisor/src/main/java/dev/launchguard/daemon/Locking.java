package dev.launchguard.daemon;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** Takes the state folder's lock for {@code run} and {@code demo}, or says in one line why not. */
public final class Locking {

    private Locking() {
    }

    /**
     * The lock of {@code stateDir}; empty after printing one line to {@code err} when another
     * launchguard holds it (naming its PID and address) or the folder cannot be locked.
     *
     * @param hint how to run beside it instead ({@code use --state-dir})
     */
    public static Optional<StateLock> lock(Path stateDir, String hint, PrintWriter err) {
        try {
            return Optional.of(StateLock.acquire(stateDir));
        } catch (StateLock.InUseException e) {
            err.println("launchguard: " + e.getMessage() + "; stop it first or " + hint);
        } catch (UncheckedIOException e) {
            err.println("launchguard: " + e.getMessage());
        }
        err.flush();
        return Optional.empty();
    }
}
