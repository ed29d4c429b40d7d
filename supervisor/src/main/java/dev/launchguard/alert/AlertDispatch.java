package dev.launchguard.alert;

import dev.launchguard.config.WatchersConfig;
import dev.launchguard.threads.NamedThreads;
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
 * {@code supervisor-alert-N}), that run the sinks and the webhook's scheduled retries.
 * {@link #close()} lets deliveries and retries already queued finish (a reload replaces the
 * dispatcher without losing a retry); {@link #closeNow()} drops them.
 */
public final class AlertDispatch implements Consumer<Alert>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatch.class);

    /** One thread may wait on a command hook while the other fires webhook retries on time. */
    private static final int THREADS = 2;

    private final ScheduledExecutorService executor;
    private final List<AlertSink> sinks = new ArrayList<>();

    public AlertDispatch(WatchersConfig.Alerts config) {
        this(config, "watchers-alert");
    }

    /** A dispatcher whose threads are named {@code threads-N}. */
    public AlertDispatch(WatchersConfig.Alerts config, String threads) {
        this.executor = Executors.newScheduledThreadPool(THREADS, NamedThreads.daemon(threads));
        sinks.add(new LogSink());
        config.webhook().ifPresent(w -> sinks.add(new WebhookSink(w, executor)));
        config.command().ifPresent(c -> sinks.add(new CommandSink(c)));
    }

    @Override
    public void accept(Alert alert) {
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
