package dev.launchguard.cli;

import dev.launchguard.daemon.Launchguard;
import java.util.concurrent.CountDownLatch;

/** Keeps a started launchguard running until SIGTERM or Ctrl-C, then closes it completely. */
final class Running {

    private Running() {
    }

    static int untilSignalled(Launchguard launchguard) {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launchguard.close();
            closed.countDown();
        }, "launchguard-shutdown"));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
