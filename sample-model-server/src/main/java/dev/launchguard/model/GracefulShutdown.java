package dev.launchguard.model;

import dev.launchguard.model.fault.ProcessExit;
import dev.launchguard.model.http.InFlight;
import dev.launchguard.model.http.ModelServer;
import dev.launchguard.model.inference.ModelStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (and SIGINT): report not ready, stop accepting, let in-flight requests finish within the
 * drain bound, exit 0.
 *
 * <p>The JVM's own SIGTERM handling exits 143 after its hooks; launchd's {@code KeepAlive
 * SuccessfulExit} reads a status, so the server takes the signal itself (through
 * {@code sun.misc.Signal}, the JDK's only hook for it) and exits 0 as a clean stop should.
 */
final class GracefulShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final ModelServer server;
    private final ModelStatus status;
    private final InFlight inFlight;
    private final Duration drainTimeout;
    private final ProcessExit processExit;
    private final AtomicBoolean begun = new AtomicBoolean();
    private final CountDownLatch startupOver;

    /**
     * {@code startupOver} is counted down when the model's load and warmup have returned: an exit
     * while a warmup batch runs inside ONNX Runtime aborts the JVM (status 134) as the runtime's
     * native state is torn down under it, so the drain waits for the batch in progress.
     */
    GracefulShutdown(ModelServer server, ModelStatus status, InFlight inFlight, Duration drainTimeout,
            ProcessExit processExit, CountDownLatch startupOver) {
        this.startupOver = startupOver;
        this.server = server;
        this.status = status;
        this.inFlight = inFlight;
        this.drainTimeout = drainTimeout;
        this.processExit = processExit;
    }

    void installSignalHandlers() {
        Signal.handle(new Signal("TERM"), signal -> begin("SIGTERM"));
        Signal.handle(new Signal("INT"), signal -> begin("SIGINT"));
    }

    /** Starts the drain on its own thread; later calls do nothing. */
    void begin(String reason) {
        if (begun.compareAndSet(false, true)) {
            Thread drain = new Thread(() -> drain(reason), "drain");
            drain.start();
        }
    }

    private void drain(String reason) {
        long start = System.nanoTime();
        LOG.info("draining reason={} in_flight_bound_ms={}", reason, drainTimeout.toMillis());
        status.drain();
        server.stopAccepting();
        boolean drained;
        try {
            drained = inFlight.drain(drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        try {
            // Draining stops the warmup after its current batch; a load in progress ends by itself.
            if (!startupOver.await(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("model load or warmup still running at the drain bound, exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        if (drained) {
            LOG.info("drained took_ms={}", tookMs);
        } else {
            LOG.warn("drain bound passed, dropping in-flight requests took_ms={}", tookMs);
        }
        server.close();
        processExit.exit(0);
    }
}
