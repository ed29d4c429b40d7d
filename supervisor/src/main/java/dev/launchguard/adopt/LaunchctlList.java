package dev.launchguard.adopt;

import dev.launchguard.launchctl.ListEntry;
import dev.launchguard.launchctl.ListTableParser;
import dev.launchguard.launchctl.ProcessRunner;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On macOS, {@code launchctl list} (the caller's domain: {@code gui/<uid>} for a logged-in user's
 * agents) read once: a row with a PID runs, a row with {@code -} is loaded and not running (its
 * last exit status says how it ended), no row is not loaded. The process's start time comes from
 * the process table.
 */
public final class LaunchctlList implements JobPresence {

    static final List<String> ARGV = List.of("/bin/launchctl", "list");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, ListEntry> rows = new HashMap<>();
    private final Optional<String> failure;

    /** Runs {@code launchctl list} once through {@code runner}. */
    public LaunchctlList(ProcessRunner runner) {
        Optional<String> failed;
        try {
            ProcessRunner.Result result = runner.run(ARGV, TIMEOUT);
            if (result.exitCode() != 0) {
                failed = Optional.of("launchctl list exited " + result.exitCode() + ": " + result.stderr().strip());
            } else {
                ListTableParser.parse(result.stdout()).forEach(e -> rows.put(e.label(), e));
                failed = Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            failed = Optional.of("launchctl list could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = Optional.of("launchctl list was interrupted");
        }
        this.failure = failed;
    }

    @Override
    public Seen of(LaunchdJob job) {
        if (failure.isPresent()) {
            return new Seen.NotRunning("unknown: " + failure.get());
        }
        ListEntry row = rows.get(job.label());
        if (row == null) {
            return new Seen.NotLoaded("launchctl list has no row for it: not loaded in this domain"
                    + " (launchctl bootstrap gui/$UID <plist> loads it)");
        }
        if (row.pid().isPresent()) {
            long pid = row.pid().getAsLong();
            return new Seen.Running(pid, ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()), "launchctl list");
        }
        return new Seen.NotRunning("loaded, not running (launchctl list: last exit status " + row.status() + ")");
    }
}
