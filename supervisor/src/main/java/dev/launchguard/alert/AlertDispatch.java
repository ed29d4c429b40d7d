package dev.launchguard.alert;

import dev.launchguard.config.WatchersConfig;
import dev.launchguard.threads.NamedThreads;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each alert to every configured sink (the log always), off the watcher's thread.
 *
 * <p>Threads and ownership: owns two daemon threads, {@code watchers-alert-N} (the supervisor's:
 * {@code supervisor-alert-N}), that run the sinks, the webhook's scheduled retries and the
 * Alertmanager sink's repeats.
 * {@link #close()} lets deliveries and retries already queued finish (a reload replaces the
 * dispatcher without losing a retry) and stops the Alertmanager sink's repeats; {@link #closeNow()}
 * drops them all. The {@link AlertBook} of what is firing passes to the dispatcher that
 * {@link #reconfigured} makes, so an Alertmanager keeps hearing of it across reloads.
 */
public final class AlertDispatch implements Consumer<Alert>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatch.class);

    /** One thread may wait on a command hook while the other fires webhook retries on time. */
    private static final int THREADS = 2;

    private final String threads;
    private final Clock clock;
    private final AlertBook book;
    private final ScheduledExecutorService executor;
    private final List<AlertSink> sinks = new ArrayList<>();

    public AlertDispatch(WatchersConfig.Alerts config) {
        this(config, "watchers-alert");
    }

    /** A dispatcher whose threads are named {@code threads-N}. */
    public AlertDispatch(WatchersConfig.Alerts config, String threads) {
        this(config, threads, Clock.systemUTC(), new AlertBook());
    }

    AlertDispatch(WatchersConfig.Alerts config, String threads, Clock clock, AlertBook book) {
        this.threads = threads;
        this.clock = clock;
        this.book = book;
        this.executor = Executors.newScheduledThreadPool(THREADS, NamedThreads.daemon(threads));
        sinks.add(new LogSink());
        config.webhook().ifPresent(w -> sinks.add(new WebhookSink(w, executor)));
        config.command().ifPresent(c -> sinks.add(new CommandSink(c)));
        config.alertmanager().ifPresent(a -> sinks.add(new AlertmanagerSink(a, book, executor, clock)));
    }

    /**
     * A dispatcher for a reload's {@code next} sinks that carries on this one's record of what is
     * firing; the caller then closes this one.
     */
    public AlertDispatch reconfigured(WatchersConfig.Alerts next) {
        return new AlertDispatch(next, threads, clock, book);
    }

    @Override
    public void accept(Alert alert) {
        // In the order alerts are made, before any sink runs: a sink reporting the whole book sees it.
        book.record(alert);
        for (AlertSink sink : sinks) {
            try {
                executor.execute(() -> sink.send(alert));
            } catch (RejectedExecutionException e) {
                log.warn("Alert not sent: launchguard is stopping sink={} check={}", sink.kind(), alert.check());
            }
        }
    }

    /** The sink kinds in use, for the start-up log line. */
    public List<String> sinks() {
        return sinks.stream().map(AlertSink::kind).toList();
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    /** Stops at once: queued deliveries and pending retries are dropped. */
    public void closeNow() {
        executor.shutdownNow();
    }
}
