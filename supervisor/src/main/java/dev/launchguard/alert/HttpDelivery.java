package dev.launchguard.alert;

import dev.launchguard.config.WatchersConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a JSON body to one URL, as the webhook and Alertmanager sinks both need it. No answer, a
 * 429 or a 5xx is retried after a backoff that doubles each time, up to the configured number of
 * attempts; any other 4xx is final (the receiver refused this message and would refuse it again).
 *
 * <p>Threads: sends are asynchronous (the HTTP client's own threads); a retry is scheduled on the
 * dispatcher's executor, so no thread ever sleeps through a backoff.
 */
final class HttpDelivery {

    private static final Logger log = LoggerFactory.getLogger(HttpDelivery.class);

    private final String sink;
    private final WatchersConfig.Webhook config;
    private final Map<String, String> headers;
    private final ScheduledExecutorService retries;
    private final HttpClient client;

    /**
     * @param sink the sink's kind, for log lines
     * @param headers extra request headers (an {@code Authorization} from a file); never logged
     */
    HttpDelivery(String sink, WatchersConfig.Webhook config, Map<String, String> headers,
            ScheduledExecutorService retries) {
        this.sink = sink;
        this.config = config;
        this.headers = Map.copyOf(headers);
        this.retries = retries;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends {@code body}, retrying as configured; completes with true once delivered, false once
     * given up. Each retry is logged at INFO and giving up at ERROR, both at DEBUG when {@code quiet}
     * (a caller that sends again anyway and says itself when a receiver stops answering).
     * {@code about} names what is sent, for logs.
     */
    CompletableFuture<Boolean> post(byte[] body, String about, boolean quiet) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        attempt(body, about, quiet, 1, done);
        return done;
    }

    String url() {
        return config.url().toString();
    }

    private void attempt(byte[] body, String about, boolean quiet, int attempt, CompletableFuture<Boolean> done) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "launchguard")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            String outcome = failure != null ? "no answer: " + rootMessage(failure) : "status " + response.statusCode();
            boolean delivered = failure == null && response.statusCode() / 100 == 2;
            boolean retryable = failure != null || response.statusCode() == 429 || response.statusCode() >= 500;
            if (delivered) {
                log.debug("Alert delivered sink={} {} attempt={}", sink, about, attempt);
                done.complete(true);
            } else if (retryable && attempt < config.attempts()) {
                Duration wait = config.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
                if (quiet) {
                    log.debug("Alert not delivered, retrying: {} sink={} {} attempt={} retryInMs={}", outcome, sink,
                            about, attempt, wait.toMillis());
                } else {
                    log.info("Alert not delivered, retrying: {} sink={} {} attempt={} retryInMs={}", outcome, sink,
                            about, attempt, wait.toMillis());
                }
                schedule(body, about, quiet, attempt + 1, wait, done);
            } else {
                if (quiet) {
                    log.debug("Alert dropped: {} sink={} url={} {} attempts={}", outcome, sink, config.url(), about,
                            attempt);
                } else {
                    log.error("Alert dropped: {} sink={} url={} {} attempts={}", outcome, sink, config.url(), about,
                            attempt);
                }
                done.complete(false);
            }
        });
    }

    private void schedule(byte[] body, String about, boolean quiet, int attempt, Duration wait,
            CompletableFuture<Boolean> done) {
        try {
            retries.schedule(() -> attempt(body, about, quiet, attempt, done), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Alert dropped: launchguard is stopping sink={} {} attempt={}", sink, about, attempt);
            done.complete(false);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
