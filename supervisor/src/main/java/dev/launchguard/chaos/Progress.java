package dev.launchguard.chaos;

import dev.launchguard.time.Latency;
import java.io.PrintWriter;

/**
 * A campaign's progress: a bar redrawn in place on a terminal; elsewhere (a log, CI) a line per
 * failed event and one every {@value #EVERY} events, so a redirected run does not fill a file with bars.
 */
final class Progress {

    private static final int WIDTH = 30;
    private static final int EVERY = 50;

    private final PrintWriter err;
    private final int total;
    private final boolean terminal;
    private int done;
    private int failed;

    Progress(PrintWriter err, int total, boolean terminal) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
    }

    void event(ChaosEvent e) {
        done++;
        failed += e.recovered() ? 0 : 1;
        String last = e.label() + " " + e.fault().wireName() + " "
                + (e.recovered() ? Latency.format(e.respawnMillis().orElse(0)) : "NOT RECOVERED");
        if (terminal) {
            int filled = total == 0 ? WIDTH : Math.min(WIDTH, done * WIDTH / total);
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + "  failed " + failed + "  last: " + last + "\u001b[K");
        } else if (!e.recovered() || done % EVERY == 0) {
            err.println("event " + done + "/" + total + ": failed so far " + failed + "; last: " + last
                    + e.error().map(m -> " (" + m + ")").orElse(""));
        }
        err.flush();
    }

    void done() {
        if (terminal && done > 0) {
            err.println();
            err.flush();
        }
    }
}
