package dev.launchguard.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP as "re-read the configuration", the Unix daemon convention ({@code launchctl kill SIGHUP
 * gui/501/dev.launchguard.supervisor} on a Mac, {@code kill -HUP} elsewhere).
 */
final class Reloads {

    private static final Logger log = LoggerFactory.getLogger(Reloads.class);

    private Reloads() {
    }

    /** Runs {@code reload} on its own thread at every SIGHUP; without signal support, logs why and does nothing. */
    @SuppressWarnings("restriction")
    static void onHangup(Runnable reload) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                Thread t = new Thread(reload, "launchguard-reload");
                t.setDaemon(true);
                t.start();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP reload unavailable on this JVM: {}", e.getMessage());
        }
    }
}
