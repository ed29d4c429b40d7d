package dev.launchguard.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP as "re-read the configuration", the Unix daemon convention ({@code launchctl kill SIGHUP
 * gui/501/dev.launchguard.supervisor} on a Mac, {@code kill -HUP} elsewhere).
 */
public final class Reloads {

    private static final Logger log = LoggerFactory.getLogger(Reloads.class);

    /** SIGHUP's number on Linux and macOS (signal(7)). */
    static final int SIGHUP = 1;
    /** Where Linux shows the signals a process ignores, as a hexadecimal mask (proc(5), {@code SigIgn}). */
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String IGNORED_FIELD = "SigIgn:";

    private Reloads() {
    }

    /**
     * Runs {@code reload} on its own thread at every SIGHUP; without signal support, logs why and does
     * nothing. A SIGHUP the process inherited as ignored ({@code nohup}) stays ignored: the JVM keeps
     * an ignored hangup ignored and the handler never runs, without an error; see
     * {@link #warnIfHangupIgnored()}.
     */
    @SuppressWarnings("restriction")
    public static void onHangup(Runnable reload) {
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

    /**
     * Logs one WARN at start when this process ignores SIGHUP (it was started under {@code nohup}):
     * reloads by SIGHUP would silently never happen. Only Linux says so (/proc); elsewhere nothing is
     * said. Reloading has no other trigger: restarting applies a changed configuration.
     */
    public static void warnIfHangupIgnored() {
        warnIfIgnored(readStatus());
    }

    /** Logs one WARN when {@code status} (the text of /proc/self/status) says SIGHUP is ignored; true then. */
    static boolean warnIfIgnored(Optional<String> status) {
        if (status.isEmpty() || !ignored(status.get(), SIGHUP)) {
            return false;
        }
        log.warn("SIGHUP is ignored (started under nohup?), so kill -HUP will not reload the configuration; "
                + "restart launchguard to apply changes, or start it without nohup (setsid, a service manager) "
                + "pid={}", ProcessHandle.current().pid());
        return true;
    }

    /**
     * Whether the {@code SigIgn} line of a /proc status text has the bit of {@code signal}: signal n
     * is bit n-1 of the hexadecimal mask. False when there is no such line or it does not parse.
     */
    static boolean ignored(String status, int signal) {
        if (signal < 1 || signal > 64) {
            throw new IllegalArgumentException("signal " + signal + " is not a number from 1 to 64");
        }
        for (String line : List.of(status.split("\n"))) {
            if (!line.startsWith(IGNORED_FIELD)) {
                continue;
            }
            String mask = line.substring(IGNORED_FIELD.length()).trim();
            if (!mask.matches("[0-9a-fA-F]{1,16}")) {
                return false;
            }
            return (Long.parseUnsignedLong(mask, 16) >>> (signal - 1) & 1) == 1;
        }
        return false;
    }

    /** /proc/self/status; empty where there is no /proc (macOS), and then nothing is said. */
    private static Optional<String> readStatus() {
        try {
            return Files.isReadable(STATUS) ? Optional.of(Files.readString(STATUS)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
