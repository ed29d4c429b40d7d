package dev.launchguard.daemon;

import dev.launchguard.metrics.Metrics;
import dev.launchguard.probe.Prober;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;

/**
 * The parts of a launchguard that need no configuration: logging, the metrics registry and the
 * prober's event loops. {@link #prepare()} builds them on their own thread while the caller reads
 * the configuration, which on two cores overlaps about 0.2 s of class loading and set-up with the
 * YAML parse (docs/benchmarks.md, footprint).
 *
 * <p>Ownership: whoever receives a Groundwork either hands it to {@link Launchguard#start} (which
 * then closes it with itself) or closes it.
 */
public final class Groundwork implements AutoCloseable {

    private final Metrics metrics;
    private final Prober prober;

    private Groundwork() {
        // Sets logging up here, rather than on the caller's thread at the daemon's first log line.
        LoggerFactory.getILoggerFactory();
        this.metrics = new Metrics();
        this.prober = Prober.start();
    }

    /** Builds it on the calling thread. */
    public static Groundwork build() {
        return new Groundwork();
    }

    /** Starts building it on a new thread. */
    public static CompletableFuture<Groundwork> prepare() {
        CompletableFuture<Groundwork> groundwork = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                groundwork.complete(new Groundwork());
            } catch (RuntimeException | Error e) {
                groundwork.completeExceptionally(e);
            }
        }, "launchguard-groundwork");
        builder.setDaemon(true);
        builder.start();
        return groundwork;
    }

    /** Waits for a prepared groundwork; a failure to build it is rethrown as it was thrown. */
    public static Groundwork await(CompletableFuture<Groundwork> prepared) {
        try {
            return prepared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    Metrics metrics() {
        return metrics;
    }

    Prober prober() {
        return prober;
    }

    @Override
    public void close() {
        prober.close();
        metrics.close();
    }
}
