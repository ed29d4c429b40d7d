package dev.launchguard.daemon;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started launchguard running until SIGTERM or Ctrl-C (SIGINT), then closes it completely
 * (every job booted out, verified) and releases the state folder's lock.
 *
 * <p>SIGTERM and SIGINT are handled, not left to the JVM's shutdown: the JVM exits 128+signal after
 * its shutdown hooks (143, 130), while a stop that finished its work is a success, exit 0. A shutdown
 * hook still closes everything when the JVM ends another way (System.exit, a SIGHUP nobody handles).
 * Jobs run in sessions of their own (docs/engine.md), so a terminal's Ctrl-C reaches launchguard only,
 * and launchguard stops them itself.
 */
public final class Running {

    private static final Logger log = LoggerFactory.getLogger(Running.class);
    private static final List<String> STOP_SIGNALS = List.of("TERM", "INT");

    private Running() {
    }

    public static int untilSignalled(Launchguard launchguard, StateLock lock) {
        CountDownLatch signalled = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Runnable close = () -> {
            if (closing.compareAndSet(false, true)) {
                try {
                    launchguard.close();
                    lock.close();
                } finally {
                    closed.complete(null);
                }
            } else {
                closed.join();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "launchguard-shutdown"));
        for (String name : STOP_SIGNALS) {
            handle(name, signalled);
        }
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close.run();
        return 0;
    }

    /** Counts {@code signalled} down at signal {@code name}; where the JVM refuses, its default (shutdown hooks) stays. */
    @SuppressWarnings("restriction")
    private static void handle(String name, CountDownLatch signalled) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                log.info("launchguard stopping signal=SIG{}", name);
                signalled.countDown();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.debug("Signal left to the JVM's shutdown signal=SIG{} reason={}", name, e.getMessage());
        }
    }
}
