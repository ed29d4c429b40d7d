package dev.launchguard.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.config.WatchersConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as JSON to one URL. No answer, a 429 or a 5xx is retried after a backoff that
 * doubles each time, up to the configured number of attempts; any other 4xx is final (the receiver
 * refused this message and would refuse it again).
 *
 * <p>Threads: sends are asynchronous (the HTTP client's own threads); a retry is scheduled on the
 * dispatcher's executor, so no thread ever sleeps through a backoff.
 */
final class WebhookSink implements AlertSink {

    private static final Logger log = LoggerFactory.getLogger(WebhookSink.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WatchersConfig.Webhook config;
    private final ScheduledExecutorService retries;
    private final HttpClient client;

    WebhookSink(WatchersConfig.Webhook config, ScheduledExecutorService retries) {
        this.config = config;
        this.retries = retries;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(Alert alert) {
        deliver(alert);
    }

    /** Sends {@code alert}, retrying as configured; completes with true once delivered, false once given up. */
    CompletableFuture<Boolean> deliver(Alert alert) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        attempt(alert, body(alert), 1, done);
        return done;
    }

    static byte[] body(Alert alert) {
        try {
            return MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("status", alert.status().tag())
                    .put("watcher", alert.watcher()).put("check", alert.check()).put("detail", alert.detail())
                    .put("at", alert.at().toString()).put("streak", alert.streak()).put("summary", alert.summary()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // A tree of plain strings and numbers always serialises.
            throw new IllegalStateException("alert for check '" + alert.check() + "' could not be written as JSON", e);
        }
    }

    private void attempt(Alert alert, byte[] body, int attempt, CompletableFuture<Boolean> done) {
        HttpRequest request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "launchguard")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            String outcome = failure != null ? "no answer: " + rootMessage(failure) : "status " + response.statusCode();
            boolean delivered = failure == null && response.statusCode() / 100 == 2;
            boolean retryable = failure != null || response.statusCode() == 429 || response.statusCode() >= 500;
            if (delivered) {
                log.debug("Alert delivered sink=webhook check={} attempt={}", alert.check(), attempt);
                done.complete(true);
            } else if (retryable && attempt < config.attempts()) {
                Duration wait = config.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
                log.info("Webhook alert not delivered, retrying: {} check={} attempt={} retryInMs={}", outcome,
                        alert.check(), attempt, wait.toMillis());
                schedule(alert, body, attempt + 1, wait, done);
            } else {
                log.error("Webhook alert dropped: {} url={} check={} attempts={}", outcome, config.url(), alert.check(),
                        attempt);
                done.complete(false);
            }
        });
    }

    private void schedule(Alert alert, byte[] body, int attempt, Duration wait, CompletableFuture<Boolean> done) {
        try {
            retries.schedule(() -> attempt(alert, body, attempt, done), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Webhook alert dropped: launchguard is stopping check={} attempt={}", alert.check(), attempt);
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

    @Override
    public String kind() {
        return "webhook";
    }
}
