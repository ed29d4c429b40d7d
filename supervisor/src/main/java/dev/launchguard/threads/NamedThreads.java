package dev.launchguard.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for launchguard's own pools: named, so a thread dump says whose a thread is. */
public final class NamedThreads {

    private NamedThreads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ...: none of them keeps the JVM alive. */
    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
