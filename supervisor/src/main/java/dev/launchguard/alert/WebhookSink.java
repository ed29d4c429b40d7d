package dev.launchguard.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.config.WatchersConfig;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * POSTs each alert as JSON to one URL, retried as {@link HttpDelivery} does on no answer, a 429 or a
 * 5xx.
 */
final class WebhookSink implements AlertSink {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpDelivery delivery;

    WebhookSink(WatchersConfig.Webhook config, ScheduledExecutorService retries) {
        this.delivery = new HttpDelivery(kind(), config, Map.of(), retries);
    }

    @Override
    public void send(Alert alert) {
        deliver(alert);
    }

    /** Sends {@code alert}, retrying as configured; completes with true once delivered, false once given up. */
    CompletableFuture<Boolean> deliver(Alert alert) {
        return delivery.post(body(alert), "check=" + alert.check(), false);
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

    @Override
    public String kind() {
        return "webhook";
    }
}
